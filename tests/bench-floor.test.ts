// The bench's floor look-up (scripts/bench-floor.ts) counts what the regex form counts: whole phrases
// at word starts that no letter continues, the longest first, never overlapping.
import { describe, it, expect } from 'vitest';
import { floorScanner } from '../scripts/bench-floor.ts';
import { L } from '../src/patterns/lexicons.ts';

describe('floorScanner', () => {
  const count = floorScanner(['hà giang', 'hà', 'tx.', 'dự án', 'dự án thành phần'], L);
  it('finds whole phrases at word starts, case folded', () => {
    expect(count('Tỉnh HÀ GIANG, TX. Sa Pa')).toBe(2);
    expect(count('dự án thành phần 3 và dự án 4')).toBe(2);
  });
  it('skips a phrase inside a word or continued by a letter', () => {
    expect(count('dự ánh, chà giang, tx.a, hàm')).toBe(0);
    expect(count('hà nội')).toBe(1);
  });
});
