// User search text -> a safe FTS5 query. Every word becomes a quoted term (all must match), so
// quotes, parentheses, AND/OR/NOT/NEAR and '*' in the input are plain words, never syntax.
import { fold } from './fold.ts';

/** null when the text has no letters or digits to search for. */
export function toFtsQuery(text: string): string | null {
  const words = fold(text).match(/[\p{L}\p{N}]+/gu);
  return words ? words.map((w) => `"${w}"`).join(' ') : null;
}
