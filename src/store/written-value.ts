// Values on the command line read as the documents write them, by the extractor's own number
// grammar: "275.332" is 275332 (dots group thousands), "275,3 tỷ" is 275.3e9 đồng, "hơn 275 tỷ
// đồng" is over 275e9. Each value gets the interval its writing stands for: "275 tỷ" is written
// to the nearest tỷ, so it matches 275.332 triệu; "275,3 tỷ" to the nearest 0,1 tỷ.
import type { Figure } from '../contract/schema.ts';
import { lexicons } from '../patterns/lexicons.ts';
import { fold, toOriginal } from '../text/fold.ts';
import { findCandidates } from '../extract/candidates.ts';
import { readDigits, type NumberStyle } from '../extract/numbers.ts';

/** A person typing a value writes it the Vietnamese way: ',' is the decimal mark, '.' groups thousands. */
const VIETNAMESE: NumberStyle = { commaDecimal: true, dotThousands: true };

const DIGITS = /^\d+(?:[.,]\d+)*$/;
const DIGITS_AT = /\d+(?:[.,]\d+)*/y;

export interface WrittenValue {
  value: number;
  /** null for a bare number (any kind). */
  kind: Figure['kind'] | null;
  unit: string | null;
  /** The values this writing stands for, bounds included. */
  low: number;
  high: number;
}

/** A bare number or one figure ("275,3 tỷ", "16,61%", "hơn 500 hộ"); null when it is neither. */
export function readWrittenValue(input: string): WrittenValue | null {
  const s = input.trim();
  if (DIGITS.test(s)) {
    const r = readDigits(s, VIETNAMESE, false);
    return { value: r.value, kind: null, unit: null, ...interval(r.value, r.value, 10 ** -r.decimals, 'exact') };
  }
  const found = figuresIn(s);
  if (found.length !== 1) return null;
  // The figure must be the whole input, apart from its qualifier ("hơn", "khoảng") before it.
  const [f] = found;
  const before = s.slice(0, f.start).trim();
  if (s.slice(f.end).trim() !== '' || (before !== '' && (f.qualifier === 'exact' || before.split(/\s+/).length > 2))) return null;
  return f.value;
}

/** Every figure in a text, with its span in the text. */
export function figuresIn(text: string): { value: WrittenValue; qualifier: Figure['qualifier']; start: number; end: number }[] {
  const folded = fold(text);
  return findCandidates(folded.text, lexicons(), VIETNAMESE).map((c) => {
    const [start, end] = toOriginal(folded, c.fs, c.fe);
    const digits = DIGITS_AT;
    digits.lastIndex = c.fs;
    const token = digits.exec(folded.text)?.[0];
    // The step of the last digit written, in the figure's unit: "275,3 tỷ" -> 0,1 tỷ.
    let step: number;
    if (token) {
      const raw = readDigits(token, VIETNAMESE, c.kind === 'percent');
      step = (10 ** -raw.decimals * c.value) / (raw.value || 1);
    } else step = 10 ** (Math.floor(Math.log10(Math.max(c.value, 1))) - 1); // number words: two significant digits
    const value: WrittenValue = { value: c.value, kind: c.kind, unit: c.unit, ...interval(c.value, c.rangeTo ?? c.value, step, c.qualifier) };
    return { value, qualifier: c.qualifier, start, end };
  });
}

/** "hơn 275 tỷ" is between 275 and 276 tỷ; "khoảng 275 tỷ" a whole step either side. */
function interval(from: number, to: number, step: number, qualifier: Figure['qualifier']): { low: number; high: number } {
  const slack = step * 1e-9; // values stored as floating point
  const [below, above] = { exact: [step / 2, step / 2], over: [0, step], under: [step, 0], approx: [step, step] }[qualifier];
  return { low: from - below - slack, high: to + above + slack };
}
