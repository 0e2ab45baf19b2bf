// What a figure's wording allows its value to be: "275 tỷ" is rounded to the tỷ (274,5–275,5 tỷ),
// "hơn 275 tỷ" is above 275 tỷ but short of 276 (else the writer would have written 276), "hơn
// 200 tỷ" short of 300, "khoảng 275 tỷ" is within a few percent, "gần 275 tỷ" just under.
// Pure: the written text, value and qualifier in; an interval out.
import type { Figure } from '../contract/schema.ts';

export interface Interval {
  /** Bounds; open ends are ±Infinity. */
  lo: number;
  hi: number;
  /** Whether lo / hi themselves are inside (false for "hơn X": X itself is not more than X). */
  loIn: boolean;
  hiIn: boolean;
}

/** How far "khoảng", "xấp xỉ", "ước" may stray from the number they round. */
export const APPROX_SHARE = 0.05;

/** Half the unit of the last written digit, in the value's own unit ("275,3 tỷ" -> 0,05 tỷ). */
export function halfStep(text: string, value: number): number {
  const digits = text.match(/\d[\d.,\s]*\d|\d/)?.[0].replace(/\D/g, '');
  const written = digits ? Number(digits) : 0;
  if (!written || !value) return 0;
  // The value is the written digits times a power of ten (separators and multipliers aside).
  return 10 ** Math.round(Math.log10(Math.abs(value) / written)) / 2;
}

type Wording = Pick<Figure, 'text' | 'value' | 'rangeTo' | 'qualifier'>;

/** The unit of the last non-zero written digit ("275 tỷ" -> 1 tỷ, "200 tỷ" -> 100 tỷ). */
export function lastDigitUnit(text: string, value: number): number {
  let unit = halfStep(text, value) * 2;
  if (!unit) return 0;
  while (Math.abs(value / (unit * 10)) % 1 < 1e-9 && unit * 10 <= Math.abs(value)) unit *= 10;
  return unit;
}

/** `below`: the word was "gần" (nearly): the value is at most the number written. */
export function allowedBy(f: Wording, opts: { below?: boolean } = {}): Interval {
  const h = halfStep(f.text, f.value);
  const top = f.rangeTo ?? f.value;
  switch (f.qualifier) {
    case 'over':
      return { lo: f.value, hi: f.value + (lastDigitUnit(f.text, f.value) || Infinity), loIn: false, hiIn: true };
    case 'under':
      return { lo: top - (lastDigitUnit(f.text, top) || Infinity), hi: top, loIn: true, hiIn: false };
    case 'approx': {
      const slack = Math.max(h, Math.abs(f.value) * APPROX_SHARE);
      return { lo: f.value - slack, hi: opts.below ? top + h : top + slack, loIn: true, hiIn: true };
    }
    default:
      return { lo: f.value - h, hi: top + h, loIn: true, hiIn: true };
  }
}

export function contains(i: Interval, x: number): boolean {
  return (x > i.lo || (i.loIn && x === i.lo)) && (x < i.hi || (i.hiIn && x === i.hi));
}

/** Every value `inner` allows, `outer` allows too. */
export function within(inner: Interval, outer: Interval): boolean {
  const loOk = inner.lo > outer.lo || (inner.lo === outer.lo && (outer.loIn || !inner.loIn));
  const hiOk = inner.hi < outer.hi || (inner.hi === outer.hi && (outer.hiIn || !inner.hiIn));
  return loOk && hiOk;
}

/** No value both allow. */
export function disjoint(a: Interval, b: Interval): boolean {
  const below = (x: Interval, y: Interval) => x.hi < y.lo || (x.hi === y.lo && !(x.hiIn && y.loIn));
  return below(a, b) || below(b, a);
}
