// Number reading: separators decided by the document's habits, and number words.
import { describe, it, expect } from 'vitest';
import { readDigits, readWords, numberStyle } from '../src/extract/numbers.ts';
import { lexicons } from '../src/patterns/lexicons.ts';
import { foldPhrase } from '../src/text/fold.ts';

const vn = { commaDecimal: true, dotThousands: true };
const dotsOnly = { commaDecimal: false, dotThousands: true };

describe('readDigits', () => {
  it('reads Vietnamese grouping and decimals', () => {
    expect(readDigits('1.657.869', vn, false).value).toBe(1657869);
    expect(readDigits('90.279,336', vn, false).value).toBeCloseTo(90279.336, 6);
    expect(readDigits('16,61', vn, true).value).toBe(16.61);
  });
  it('decides ambiguous separators by context, with lower confidence', () => {
    expect(readDigits('2.4', vn, false)).toMatchObject({ value: 2.4 });
    expect(readDigits('2.4', vn, false).confidence).toBeLessThan(1);
    expect(readDigits('65,420', dotsOnly, false)).toMatchObject({ value: 65420, confidence: 0.6 });
    expect(readDigits('65,420', vn, false).value).toBeCloseTo(65.42, 6);
  });
  it('learns the style from the text', () => {
    expect(numberStyle('8.356,336 triệu')).toMatchObject({ commaDecimal: true, dotThousands: true });
    expect(numberStyle('1.234 triệu và 2.345 triệu').commaDecimal).toBe(false);
  });
});

describe('readWords', () => {
  const lex = lexicons();
  const words = (s: string) => foldPhrase(s).split(' ');
  it.each([
    ['hai mươi lăm', 25],
    ['mười lăm', 15],
    ['ba trăm linh năm', 305],
    ['một triệu hai', 1_200_000],
    ['hai tỷ rưỡi', 2_500_000_000],
    ['ba trăm triệu', 300_000_000],
  ])('%s = %d', (s, v) => {
    expect(readWords(words(s), lex)?.value).toBe(v);
  });
  it('does not read a lone "một" or "năm" as a number', () => {
    expect(readWords(words('một'), lex)).toBeNull();
    expect(readWords(words('năm'), lex)).toBeNull();
  });
});
