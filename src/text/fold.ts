// A folded copy of the text for matching, with a map back to the original offsets.
// Folding: lower case; NBSP and other spaces -> ' '; zero-width characters and soft hyphens
// dropped; each syllable's tone mark moved to the end of the syllable (so "hoà" and "hòa",
// "uỷ" and "ủy" fold alike), vowel-quality marks (â ă ê ô ơ ư đ) kept, so "tỷ" ≠ "tý".
// Works on any normalization form (NFD input folds like NFC), in one pass with lookup tables.

export interface Folded {
  /** The folded text. */
  text: string;
  /** map[i] = index in the original text of folded character i; map[text.length] = original length. */
  map: Int32Array;
}

const TONES = new Set([0x300, 0x301, 0x303, 0x309, 0x323]);
const DROP = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad]);
const SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]/;

/** Per code unit: the folded base (without tone) and the tone mark it carried (0 if none). */
const BASE = new Map<number, string>();
const TONE_OF = new Map<number, number>();

function tableFor(code: number): void {
  const ch = String.fromCharCode(code);
  const lower = ch.toLowerCase();
  const nfd = lower.normalize('NFD');
  let tone = 0;
  let rest = '';
  for (const c of nfd) {
    const cp = c.codePointAt(0)!;
    if (TONES.has(cp)) tone = cp;
    else rest += c;
  }
  BASE.set(code, rest.normalize('NFC'));
  TONE_OF.set(code, tone);
}

// Latin letters with Vietnamese diacritics live in these ranges; everything else passes through
// lower-cased (ASCII) or untouched.
for (let c = 0x41; c <= 0x5a; c++) tableFor(c);
for (let c = 0xc0; c <= 0x24f; c++) tableFor(c);
for (let c = 0x1ea0; c <= 0x1ef9; c++) tableFor(c);

function isLetterBase(s: string): boolean {
  return /^[a-zà-ỹđ]/.test(s) || /^\p{L}/u.test(s);
}

export function fold(original: string): Folded {
  const n = original.length;
  const out: string[] = [];
  const map: number[] = [];
  let pendingTone = 0; // tone of the current syllable, emitted when the syllable ends
  let lastLetterIndex = -1; // original index of the syllable's last letter

  const flushTone = () => {
    if (pendingTone) {
      out.push(String.fromCharCode(pendingTone));
      map.push(lastLetterIndex);
      pendingTone = 0;
    }
  };

  for (let i = 0; i < n; i++) {
    const code = original.charCodeAt(i);
    if (DROP.has(code)) continue;
    if (TONES.has(code)) {
      // A combining tone mark (decomposed input): belongs to the current syllable.
      pendingTone = code;
      continue;
    }
    if (code >= 0x300 && code <= 0x36f) {
      // Other combining marks (circumflex, breve, horn) compose with the previous letter.
      const prev = out.length - 1;
      if (prev >= 0) out[prev] = (out[prev] + original[i]).normalize('NFC');
      continue;
    }
    if (code >= 0xc0 && !BASE.has(code) && /\p{L}/u.test(original[i])) tableFor(code);
    const base = BASE.get(code);
    if (base !== undefined) {
      const tone = TONE_OF.get(code)!;
      if (tone) pendingTone = tone;
      out.push(base);
      map.push(i);
      lastLetterIndex = i;
      continue;
    }
    const ch = original[i];
    if (code >= 0x61 && code <= 0x7a) {
      out.push(ch);
      map.push(i);
      lastLetterIndex = i;
      continue;
    }
    if (/\p{L}/u.test(ch) && isLetterBase(ch)) {
      out.push(ch.toLowerCase());
      map.push(i);
      lastLetterIndex = i;
      continue;
    }
    // Not a letter: the syllable (if any) ends here.
    flushTone();
    out.push(SPACES.test(ch) ? ' ' : ch);
    map.push(i);
  }
  flushTone();
  map.push(n);
  // Combining marks merged into the previous entry keep one folded char per entry; join them.
  const text = out.join('');
  if (text.length !== out.length) return expand(out, map, n);
  return { text, map: Int32Array.from(map) };
}

/** Rare path: an entry holds more than one UTF-16 unit (astral letters); spread the map. */
function expand(out: string[], map: number[], n: number): Folded {
  const m: number[] = [];
  for (let k = 0; k < out.length; k++) for (let j = 0; j < out[k].length; j++) m.push(map[k]);
  m.push(n);
  return { text: out.join(''), map: Int32Array.from(m) };
}

/** Fold a pattern phrase the same way as text, for building matchers. */
export function foldPhrase(phrase: string): string {
  return fold(phrase).text;
}

/** Original [start, end) of a folded [fs, fe) span. */
export function toOriginal(f: Folded, fs: number, fe: number): [number, number] {
  const start = f.map[fs];
  // End: one past the original index of the last folded char in the span.
  const end = fe > fs ? f.map[fe - 1] + 1 : start;
  return [start, Math.max(end, start)];
}
