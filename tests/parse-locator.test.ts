import { describe, it, expect } from 'vitest';
import { describeLocator } from '../src/parsers/locator.ts';

describe('describeLocator', () => {
  it('names page, table position, footnote, paragraph and path', () => {
    expect(describeLocator({ page: 2, table: 1, row: 3, col: 2 })).toBe('tr. 2, bảng 1 dòng 3 cột 2');
    expect(describeLocator({ page: 1, footnote: 2 })).toBe('tr. 1, chú thích 2');
    expect(describeLocator({ paragraph: 8 })).toBe('đoạn 8');
    expect(describeLocator({ paragraph: 4, path: 'div.detail-content > h2:nth-of-type(1)' })).toBe('đoạn 4, div.detail-content > h2:nth-of-type(1)');
    expect(describeLocator(null)).toBe('');
  });
});
