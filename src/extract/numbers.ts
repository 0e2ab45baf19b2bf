// Reading one written number: digit groups with Vietnamese separators ("1.657.869", "90.279,336"),
// writers' slips decided by the document's habits, and number words ("hai mươi lăm", "một triệu hai").
import type { Lexicons } from '../patterns/lexicons.ts';

/** How a document writes numbers, learned once from its text. */
export interface NumberStyle {
  /** The text has numbers like "8.356,336" or "536.911,65": ',' is its decimal mark. */
  commaDecimal: boolean;
  /** The text groups thousands with '.' ("1.234"). */
  dotThousands: boolean;
}

export function numberStyle(foldedText: string): NumberStyle {
  return {
    commaDecimal: /\d\.\d{3},\d+/.test(foldedText) || /(?<![\d.,])\d{1,3},\d{1,2}(?![\d.,])/.test(foldedText),
    dotThousands: /\d\.\d{3}(?![\d])/.test(foldedText),
  };
}

export interface ReadNumber {
  value: number;
  /** 1 when the separators leave no doubt; lower when context decided. */
  confidence: number;
  /** Decimal places as written (for rounding-tolerant checks). */
  decimals: number;
  /** The other reading of an ambiguous "65,420" (thousands), for context to decide. */
  alt?: number;
}

/** Reads a digit token such as "1.657.869", "16,61", "2.4", "65,420". */
export function readDigits(token: string, style: NumberStyle, isPercent: boolean): ReadNumber {
  let dots = 0;
  let commas = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c === 46) dots++;
    else if (c === 44) commas++;
  }
  if (dots === 0 && commas === 0) return { value: Number(token), confidence: 1, decimals: 0 };
  if (dots > 0 && commas > 0) {
    // Both marks: the last one is the decimal mark.
    const vn = token.lastIndexOf(',') > token.lastIndexOf('.');
    const [intPart, dec] = vn ? splitLast(token, ',') : splitLast(token, '.');
    const int = intPart.replace(/[.,]/g, '');
    return { value: Number(`${int}.${dec}`), confidence: vn && groupsOf3(intPart, '.') ? 1 : 0.7, decimals: dec.length };
  }
  const sep = dots ? '.' : ',';
  if (dots + commas > 1) {
    // "1.657.869" (or an English "1,657,869"): thousands.
    return { value: Number(token.replaceAll(sep, '')), confidence: groupsOf3(token, sep) ? (sep === '.' ? 1 : 0.7) : 0.5, decimals: 0 };
  }
  const first = token.indexOf(sep);
  const int = token.slice(0, first);
  const frac = token.slice(first + 1);
  if (frac.length !== 3 || isPercent || int === '0') {
    // "16,61" / "2.4": a decimal mark ('.' is the writer's slip: slightly less sure).
    return { value: Number(`${int}.${frac}`), confidence: sep === ',' ? 1 : 0.8, decimals: frac.length };
  }
  if (sep === '.') return { value: Number(int + frac), confidence: 0.9, decimals: 0 };
  // "65,420": a decimal in a text that writes decimals with ',', else a slipped thousands mark.
  if (style.commaDecimal || !style.dotThousands) return { value: Number(`${int}.${frac}`), confidence: 0.7, decimals: 3, alt: Number(int + frac) };
  return { value: Number(int + frac), confidence: 0.6, decimals: 0 };
}

function splitLast(s: string, sep: string): [string, string] {
  const i = s.lastIndexOf(sep);
  return [s.slice(0, i), s.slice(i + 1)];
}

/** Every group after the first has three digits (found by the separators' positions, not split: numbers are many). */
function groupsOf3(intPart: string, sep: string): boolean {
  for (let i = intPart.indexOf(sep), next; i >= 0; i = next) {
    next = intPart.indexOf(sep, i + 1);
    if ((next < 0 ? intPart.length : next) - i - 1 !== 3) return false;
  }
  return true;
}

/**
 * Reads number words (already folded, split on spaces), possibly with multipliers:
 * "hai mươi lăm" 25, "ba trăm linh năm" 305, "một triệu hai" 1 200 000, "hai tỷ rưỡi" 2.5e9.
 * Returns the value and how many words it used, or null when the words are not a number.
 */
export function readWords(words: string[], lex: Lexicons): { value: number; used: number; multiplied: boolean } | null {
  let i = 0;
  let total = 0;
  let lastMult = 0;
  let multiplied = false;
  let used = 0;
  while (i < words.length) {
    const small = readSmall(words, i, lex);
    if (!small) {
      // "rưỡi" straight after a multiplier: half of it.
      if (lastMult && lex.halfWords.has(words[i])) {
        total += lastMult / 2;
        i += 1;
        used = i;
      }
      break;
    }
    const next = words[small.end];
    const mult = next !== undefined ? lex.multiplier.get(next) : undefined;
    if (mult !== undefined && (!lastMult || mult < lastMult)) {
      total += small.value * mult;
      lastMult = mult;
      multiplied = true;
      i = small.end + 1;
      used = i;
      continue;
    }
    if (lastMult) {
      // "một triệu hai": a lone digit after a multiplier counts in tenths of it.
      total += small.single ? (small.value * lastMult) / 10 : small.value * (lastMult >= 1000 ? lastMult / 1000 : 1);
      used = small.end;
    } else {
      total = small.value;
      used = small.end;
    }
    break;
  }
  if (used === 0) return null;
  if (used === 1 && lex.notAloneWords.has(words[0])) return null;
  return { value: total, used, multiplied };
}

/** 0–999 in words starting at i. `single` marks a lone digit word (for "một triệu hai"). */
function readSmall(words: string[], i: number, lex: Lexicons): { value: number; end: number; single: boolean } | null {
  const w = words[i];
  if (w === undefined) return null;
  if (lex.tenWords.has(w)) {
    const d = digitAt(words, i + 1, lex, true);
    return d ? { value: 10 + d.value, end: d.end, single: false } : { value: 10, end: i + 1, single: false };
  }
  const d = digitAt(words, i, lex, false);
  if (!d) return null;
  let value = d.value;
  let end = d.end;
  if (lex.hundredWords.has(words[end] ?? '')) {
    value *= 100;
    end += 1;
    if (lex.zeroWords.has(words[end] ?? '')) {
      const u = digitAt(words, end + 1, lex, true);
      if (u) return { value: value + u.value, end: u.end, single: false };
      return { value, end, single: false };
    }
    if (lex.halfWords.has(words[end] ?? '')) return { value: value + 50, end: end + 1, single: false };
    const tens = readTens(words, end, lex);
    return tens ? { value: value + tens.value, end: tens.end, single: false } : { value, end, single: false };
  }
  const tens = readTens(words, i, lex);
  if (tens) return { value: tens.value, end: tens.end, single: false };
  return { value, end, single: true };
}

/** "hai mươi lăm" / "mười hai" starting at i. */
function readTens(words: string[], i: number, lex: Lexicons): { value: number; end: number } | null {
  if (lex.tenWords.has(words[i] ?? '')) {
    const d = digitAt(words, i + 1, lex, true);
    return d ? { value: 10 + d.value, end: d.end } : { value: 10, end: i + 1 };
  }
  const d = digitAt(words, i, lex, false);
  if (!d || !lex.tensWords.has(words[d.end] ?? '')) return null;
  const u = digitAt(words, d.end + 1, lex, true);
  return u ? { value: d.value * 10 + u.value, end: u.end } : { value: d.value * 10, end: d.end + 1 };
}

function digitAt(words: string[], i: number, lex: Lexicons, asUnit: boolean): { value: number; end: number } | null {
  const w = words[i];
  if (w === undefined) return null;
  const v = lex.wordDigits.get(w);
  if (v === undefined || (v === 0 && asUnit)) return null;
  return { value: v, end: i + 1 };
}
