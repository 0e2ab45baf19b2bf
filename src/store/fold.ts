// Diacritic folding for search: "Điện Biên", "Đien Bien" and "dien bien" all fold to "dien bien".
// Used for the FTS column, the place keys and every query, so both sides fold the same way.
import { memoized } from '../text/memo.ts';

/** Short strings (place names, words of a query) recur: their folds are kept, up to this many. */
const SHORT = 48;
const foldShort = memoized(foldText, 4096);

/** Lowercase, strip combining marks, đ→d, collapse whitespace. */
export function fold(s: string): string {
  return s.length > SHORT ? foldText(s) : foldShort(s);
}

function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Folded key for a place name, or null (a missing place has no key). */
export function placeKey(name: string | null | undefined): string | null {
  return name ? fold(name) : null;
}
