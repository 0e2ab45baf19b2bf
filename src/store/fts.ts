// User search text -> a safe FTS5 query. Every word becomes a quoted term (all must match), so
// quotes, parentheses, AND/OR/NOT/NEAR and '*' in the input are plain words, never syntax.
// Numbers match however their groups are separated: the index splits "275.332" and "275,332"
// alike into "275" "332", so a number is searched as the phrase of its groups, and one written
// without separators ("275332") also as its thousands groups.
import { fold } from './fold.ts';

/** The folded words of a search; null when the text has no letters or digits to search for. */
export function searchWords(text: string): string[] | null {
  return fold(text).match(/[\p{L}\p{N}]+/gu);
}

/** null when the text has no letters or digits to search for. */
export function toFtsQuery(text: string): string | null {
  const words = fold(text).match(/\d+(?:[.,]\d+)+|[\p{L}\p{N}]+/gu);
  return words ? words.map(term).join(' AND ') : null;
}

function term(word: string): string {
  if (/^\d+(?:[.,]\d+)+$/.test(word)) return `"${word.split(/[.,]/).join(' ')}"`;
  if (/^\d{4,}$/.test(word)) return `("${word}" OR "${word.replace(/\B(?=(\d{3})+$)/g, ' ')}")`;
  return `"${word}"`;
}

/** The full-text index's test on one citation's `search` column, without the index: every word
 *  is one of its tokens (unicode61's token characters: letters, digits, private use). */
export function hasWords(search: string, words: readonly string[]): boolean {
  // Most candidates lack a word altogether: a substring test settles them without tokenizing.
  if (!words.every((w) => search.includes(w))) return false;
  const tokens = new Set(search.match(/[\p{L}\p{N}\p{Co}]+/gu));
  return words.every((w) => tokens.has(w));
}
