// How precisely a figure was written, so rules tolerate rounding: "901.556 triệu đồng" is
// exact to 1 triệu, "16,61%" to 0.01. Also the number formatting used in messages.
import type { Figure } from '../contract/schema.ts';

/** The value of one unit in the last written digit (1e6 for "901.556 triệu đồng"). */
export function writtenStep(f: Pick<Figure, 'text' | 'value' | 'of'>): number {
  const written = f.of !== null ? f.text.split('/')[0] : f.text;
  const digits = written.match(/\d/g);
  const n = digits ? Number(digits.join('')) : 0;
  const v = Math.abs(f.value);
  if (n > 0 && v > 0) return 10 ** Math.round(Math.log10(v / n));
  // Word numbers ("hai mươi"): assume exact to the last non-zero digit.
  let step = 1;
  while (v >= step * 10 && v % (step * 10) === 0) step *= 10;
  return step;
}

export function halfStep(f: Pick<Figure, 'text' | 'value' | 'of'>): number {
  return writtenStep(f) / 2;
}

/** Figures a rule may do arithmetic on: exact, single values (no "over 5", no "10-15"). */
export function isExact(f: Figure): boolean {
  return f.qualifier === 'exact' && f.rangeTo === null;
}

// Formatters are costly to build and messages format many numbers: one per precision.
const formatters = new Map<number, Intl.NumberFormat>();
const vi = (digits: number): Intl.NumberFormat => {
  let f = formatters.get(digits);
  if (!f) formatters.set(digits, (f = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits })));
  return f;
};

/** "964.282 triệu đồng", "80,9%", "12 hộ": Vietnamese number style, money in the reports' triệu. */
export function formatValue(value: number, kind: Figure['kind'], unit: string): string {
  if (kind === 'percent') return `${vi(2).format(value)}%`;
  if (unit === 'VND') {
    if (Math.abs(value) >= 1e6) return `${vi(3).format(value / 1e6)} triệu đồng`;
    return `${vi(0).format(value)} đồng`;
  }
  return `${vi(3).format(value)} ${unit}`;
}
