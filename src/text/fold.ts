// A folded copy of the text for matching, with a map back to the original offsets.
// Folding: lower case; NBSP and other spaces -> ' '; zero-width characters and soft hyphens
// dropped; decomposed (NFD) letters composed; tone placement made uniform ("hòa" and "hoà",
// "thủy" and "thuỷ" fold alike), while vowel and tone marks stay, so "tỷ" ≠ "tý".
// Most texts need no character-by-character work: then the folded copy has the original's
// offsets (map = null) and folding costs a few native string passes.

import { memoized } from './memo.ts';

export interface Folded {
  /** The folded text. */
  text: string;
  /** map[i] = original index of folded character i (length text.length + 1); null = same offsets. */
  map: Int32Array | null;
  /** The text that was folded (spans map back into it). */
  original: string;
}

/** Characters that force the slow path: combining marks, zero-width characters, soft hyphens. */
const SLOW = /[\u0300-\u036f\u200b-\u200d\u2060\ufeff\u00ad]/;
const SLOW_CHAR = new RegExp(SLOW.source, 'g');
const SPACES = '[\\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000\\t]';

// "òa" -> "oà" (and oe, uy with each tone) at the end of a syllable: one placement for both styles.
const TONES = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const PLACEMENT = new Map<string, string>();
for (const [a, b] of [
  ['o', 'a'],
  ['o', 'e'],
  ['u', 'y'],
]) {
  for (const t of TONES) PLACEMENT.set(`${a}${t}`.normalize('NFC') + b, a + `${b}${t}`.normalize('NFC'));
}
// Spaces and old placements in one pass (a space is no letter either way, so the order is free).
const SPACE_OR_PLACEMENT = new RegExp(`${SPACES}|(?:${[...PLACEMENT.keys()].join('|')})(?![a-zđà-ỹ])`, 'g');
const spaceOrPlacement = (s: string) => (s.length === 1 ? ' ' : (PLACEMENT.get(s) ?? s));

export function fold(original: string): Folded {
  let base = original;
  let map: Int32Array | null = null;
  if (SLOW.test(original)) ({ base, map } = compose(original));
  let lower = base.toLowerCase();
  if (lower.length !== base.length) lower = [...base].map((c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c)).join('');
  const text = lower.replace(SPACE_OR_PLACEMENT, spaceOrPlacement);
  return { text, map, original };
}

/**
 * Slow path: drop zero-width characters and compose combining marks onto their letter. Text between
 * those characters is copied a run at a time ("Unicode tổ hợp" documents have a mark every few letters).
 */
function compose(original: string): { base: string; map: Int32Array } {
  const parts: string[] = [];
  const map = new Int32Array(original.length + 1);
  let n = 0;
  const emit = (s: string, at: number) => {
    parts.push(s);
    for (let k = 0; k < s.length; k++) map[n + k] = at + k;
    n += s.length;
  };
  let from = 0;
  for (const m of original.matchAll(SLOW_CHAR)) {
    const i = m.index;
    if (i > from) emit(original.slice(from, i), from);
    from = i + 1;
    const code = original.charCodeAt(i);
    if (code < 0x300 || code > 0x36f) continue; // zero-width or soft hyphen: dropped
    if (n > 0) {
      const last = parts[parts.length - 1];
      const composed = (last[last.length - 1] + m[0]).normalize('NFC');
      // A mark that does not compose (no precomposed form) is kept as its own character.
      if (composed.length === 1) {
        parts[parts.length - 1] = last.slice(0, -1) + composed;
        continue;
      }
    }
    emit(m[0], i);
  }
  if (from < original.length) emit(original.slice(from), from);
  map[n] = original.length;
  return { base: parts.join(''), map: map.slice(0, n + 1) };
}

/** Fold a pattern phrase the same way as text, for building matchers. Names repeat in every
 * document (places, programmes): each is folded once. */
export const foldPhrase: (phrase: string) => string = memoized((phrase) => fold(phrase).text, 50_000);

/** Original [start, end) of a folded [fs, fe) span. */
export function toOriginal(f: Folded, fs: number, fe: number): [number, number] {
  if (!f.map) return [fs, fe];
  // The end runs past the last kept character's combining marks, but not past dropped characters
  // (a zero-width space after "đồng" stays outside the figure).
  let end = fe > fs ? f.map[fe - 1] + 1 : f.map[fs];
  while (end < f.map[fe] && /[\u0300-\u036f]/.test(f.original[end])) end++;
  return [f.map[fs], end];
}

/** Folded offset of an original offset (the first folded character at or after it). */
export function toFolded(f: Folded, originalLength: number): (pos: number) => number {
  if (!f.map) return (pos) => pos;
  const inv = new Int32Array(originalLength + 1).fill(-1);
  for (let i = f.map.length - 2; i >= 0; i--) inv[f.map[i]] = i;
  inv[originalLength] = f.text.length;
  for (let i = originalLength - 1; i >= 0; i--) if (inv[i] < 0) inv[i] = inv[i + 1];
  return (pos) => inv[pos];
}
