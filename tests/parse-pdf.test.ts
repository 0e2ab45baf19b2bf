// PDF: per-page text in reading order, paragraphs joined, running headers/footers and page
// numbers dropped, footnote markers lifted, the table found, hyphenation and numbers mended.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePdf } from '../src/parsers/pdf.ts';
import { joinLines } from '../src/parsers/pdf-layout.ts';

const ROOT = join(import.meta.dirname, '..');
const doc = await parsePdf(readFileSync(join(ROOT, 'corpus/fixtures/f01_bao_cao_gnbv_lai_chau.pdf')), 'f01.pdf');
const docx = readFileSync(join(ROOT, 'corpus/fixtures/f01_bao_cao_gnbv_lai_chau.docx'));
const slice = (b: { start: number; end: number }) => doc.text.slice(b.start, b.end);

describe('parsePdf', () => {
  it('drops the running header and the page numbers', () => {
    expect(doc.text).not.toContain('UBND tỉnh Lai Châu - Báo cáo');
    expect(doc.text).not.toMatch(/Trang \d/);
  });

  it('joins wrapped lines into paragraphs and lifts footnote markers', () => {
    expect(doc.text.split('\n')).toContain(
      'Riêng Dự án 1 hỗ trợ đầu tư phát triển hạ tầng kinh tế - xã hội các huyện nghèo đã giải ngân 118.905 triệu đồng, đạt 81,6% kế hoạch vốn của dự án.',
    );
    const note = doc.blocks.find((b) => b.kind === 'footnote' && b.footnote === 2)!;
    expect(note.locator).toEqual({ page: 1, footnote: 2 });
    expect(doc.text.slice(note.refAt! - 18, note.refAt!)).toBe('118.905 triệu đồng');
  });

  it('locates blocks by page', () => {
    const heading = doc.blocks.find((b) => slice(b) === 'II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU')!;
    expect(heading).toMatchObject({ kind: 'heading', locator: { page: 2 } });
    const cell = doc.blocks.find((b) => b.kind === 'table-cell' && slice(b) === '98.615')!;
    expect(cell).toMatchObject({ rowLabel: 'Nậm Nhùn', colHeader: 'Kế hoạch vốn (triệu đồng)', locator: { page: 2, table: 1, row: 3, col: 2 } });
  });

  it('takes the title from the metadata', () => {
    expect(doc.title).toMatch(/^Kết quả thực hiện Chương trình/);
  });

  it('refuses what is not a PDF text layer with a reason', async () => {
    const noPdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), docx, Buffer.from('\n%%EOF\n')]);
    await expect(parsePdf(noPdf, 'x.pdf')).rejects.toThrow(/^x\.pdf: PDF: corrupt or unreadable/);
  });
});

describe('joinLines', () => {
  it('mends a word hyphenated at the line end', () => {
    expect(joinLines('đầu tư phát triển hạ tầng kinh tế xã hội các huyện ngh-', 'èo').text).toMatch(/huyện nghèo$/);
  });
  it('mends thousands and decimals broken at the line end', () => {
    expect(joinLines('giao 412.', '650 triệu đồng').text).toBe('giao 412.650 triệu đồng');
    expect(joinLines('đạt 72,', '4% kế hoạch').text).toBe('đạt 72,4% kế hoạch');
  });
  it('keeps a spaced dash, a sentence end and a year apart', () => {
    expect(joinLines('kinh tế -', 'xã hội').text).toBe('kinh tế - xã hội');
    expect(joinLines('trong năm 2023.', '150 hộ đã thoát nghèo').text).toBe('trong năm 2023. 150 hộ đã thoát nghèo');
  });
});
