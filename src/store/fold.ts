// Diacritic folding for search: "Điện Biên", "Đien Bien" and "dien bien" all fold to "dien bien".
// Used for the FTS column, the place keys and every query, so both sides fold the same way.

/** Short strings (place names, words of a query) recur: their folds are kept, up to this many. */
const KEPT = 4096;
const SHORT = 48;
const kept = new Map<string, string>();

/** Lowercase, strip combining marks, đ→d, collapse whitespace. */
export function fold(s: string): string {
  if (s.length > SHORT) return foldText(s);
  let folded = kept.get(s);
  if (folded === undefined) {
    if (kept.size >= KEPT) kept.clear();
    kept.set(s, (folded = foldText(s)));
  }
  return folded;
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
