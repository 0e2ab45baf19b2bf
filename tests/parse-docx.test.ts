// DOCX: headings with levels, paragraphs, the appendix table's cells with their meaning,
// footnotes linked after the figure they explain, locators into the original.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocx } from '../src/parsers/docx.ts';

const FILE = join(import.meta.dirname, '../corpus/fixtures/f01_bao_cao_gnbv_lai_chau.docx');
const doc = await parseDocx(readFileSync(FILE), 'f01.docx');
const slice = (b: { start: number; end: number }) => doc.text.slice(b.start, b.end);

describe('parseDocx', () => {
  it('takes the title from the core properties', () => {
    expect(doc.format).toBe('docx');
    expect(doc.title).toBe('Kết quả thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2023 trên địa bàn tỉnh Lai Châu');
  });

  it('gives heading styles their level, each heading on its own line', () => {
    const headings = doc.blocks.filter((b) => b.kind === 'heading').map((b) => [b.level, slice(b)]);
    expect(headings).toEqual([
      [1, 'I. KẾT QUẢ PHÂN BỔ VÀ GIẢI NGÂN VỐN'],
      [2, '1. Phân bổ vốn'],
      [2, '2. Giải ngân vốn'],
      [1, 'II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU'],
      [2, '1. Giảm nghèo'],
      [2, '2. Hạ tầng thiết yếu'],
    ]);
    expect(doc.text.split('\n')).toContain('1. Phân bổ vốn');
  });

  it('numbers paragraphs in document order', () => {
    const p = doc.blocks.find((b) => slice(b).startsWith('Tính đến 31/12/2023'))!;
    expect(p).toMatchObject({ kind: 'paragraph', locator: { paragraph: 8 } });
  });

  it('gives each table cell its row label, column header and position', () => {
    const cell = doc.blocks.find((b) => b.kind === 'table-cell' && slice(b) === '68,7')!;
    expect(cell).toMatchObject({ rowLabel: 'Sìn Hồ', colHeader: 'Tỷ lệ giải ngân (%)', locator: { table: 1, row: 4, col: 4 } });
    expect(doc.blocks.filter((b) => b.kind === 'table-cell')).toHaveLength(16);
  });

  it('appends footnotes after the body, referenced just after the figure they explain, with no marker text', () => {
    const notes = doc.blocks.filter((b) => b.kind === 'footnote');
    expect(notes.map((b) => [b.footnote, b.locator.footnote])).toEqual([[1, 1], [2, 2]]);
    expect(slice(notes[0])).toBe('Trong đó: vốn đầu tư phát triển 176.300 triệu đồng, vốn sự nghiệp 236.350 triệu đồng.');
    expect(doc.text.slice(notes[1].refAt! - 18, notes[1].refAt! + 2)).toBe('118.905 triệu đồng, ');
    expect(doc.text).not.toMatch(/\[\d\]|↑/);
    expect(notes[0].start).toBeGreaterThan(doc.blocks.filter((b) => b.kind === 'table-cell').at(-1)!.end);
  });
});
