// A folded copy of the text for matching, with a map back to the original offsets.
// Folding: lower case; NBSP and other spaces -> ' '; zero-width characters and soft hyphens
// dropped; decomposed (NFD) letters composed; tone placement made uniform ("hòa" and "hoà",
// "thủy" and "thuỷ" fold alike), while vowel and tone marks stay, so "tỷ" ≠ "tý".
// Most texts need no composing: then the folded copy has the original's offsets (map = null) and
// folding costs one native lower-casing and one pass over char codes.

import { memoized } from './memo.ts';

export interface Folded {
  /** The folded text. */
  text: string;
  /** map[i] = original index of folded character i (length text.length + 1); null = same offsets. */
  map: Int32Array | null;
  /** The text that was folded (spans map back into it). */
  original: string;
}

/** Characters that force the slow path: combining marks, zero-width characters, soft hyphens
 *  (first and last code of each run; the regex and the one pass's table are both made from it). */
const SLOW_RUNS: [number, number][] = [[0x300, 0x36f], [0x200b, 0x200d], [0x2060, 0x2060], [0xfeff, 0xfeff], [0xad, 0xad]];
const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
const SLOW = new RegExp(`[${SLOW_RUNS.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('')}]`);
const SLOW_CHAR = new RegExp(SLOW.source, 'g');
const SPACES = [0xa0, 0x1680, ...Array.from({ length: 11 }, (_, k) => 0x2000 + k), 0x202f, 0x205f, 0x3000, 0x09];

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
// What each char code asks of the one pass over lower-cased text (0: nothing): a space to make
// ' ', the toned vowel of an old placement, or a character of the slow path.
const SPACE = 1, TONED = 2, SLOWC = 3;
const ROLE = new Uint8Array(65536);
for (const c of SPACES) ROLE[c] = SPACE;
for (const k of PLACEMENT.keys()) ROLE[k.charCodeAt(0)] = TONED;
for (const [a, b] of SLOW_RUNS) ROLE.fill(SLOWC, a, b + 1);
/** [a-zđà-ỹ]: a letter after "òa" means the pair is inside a syllable ("hoàn"), not at its end. */
const syllableGoesOn = (c: number) => (c >= 97 && c <= 122) || c === 0x111 || (c >= 0xe0 && c <= 0x1ef9);

export function fold(original: string): Folded {
  const lower = original.toLowerCase();
  // Same length: each character lower-cased on its own, so the one pass may read `lower` alone.
  if (lower.length === original.length) {
    const text = spacesAndPlacements(lower);
    if (text !== null) return { text, map: null, original };
  }
  let base = original;
  let map: Int32Array | null = null;
  if (SLOW.test(original)) ({ base, map } = compose(original));
  let low = base.toLowerCase();
  if (low.length !== base.length) low = [...base].map((c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c)).join('');
  return { text: spacesAndPlacements(low, true)!, map, original };
}

/**
 * One pass over char codes: spaces -> ' ', old placements -> new, the rest copied a run at a time.
 * Null when a slow-path character turns up (unless told they are settled: composed text keeps the
 * marks that compose to nothing).
 */
function spacesAndPlacements(s: string, marksSettled = false): string | null {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const role = ROLE[s.charCodeAt(i)];
    if (role === 0) continue;
    if (role === SLOWC) {
      if (!marksSettled) return null;
    } else if (role === SPACE) {
      out += s.slice(from, i) + ' ';
      from = i + 1;
    } else if (!syllableGoesOn(s.charCodeAt(i + 2))) {
      const now = PLACEMENT.get(s.slice(i, i + 2));
      if (now !== undefined) {
        out += s.slice(from, i) + now;
        from = i + 2;
        i++;
      }
    }
  }
  return from === 0 ? s : out + s.slice(from);
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
