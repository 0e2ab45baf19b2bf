// HTML: the article's text without page furniture, title/date/site from meta or byline, charset
// from meta or BOM, per-site selectors, locators as CSS paths.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHtml, decodeHtml, type SiteRule } from '../src/parsers/html.ts';
import { bylineDate, hostOf } from '../src/parsers/html-meta.ts';

const FILE = join(import.meta.dirname, '../corpus/fixtures/f01_bao_cao_gnbv_lai_chau.html');
const page = readFileSync(FILE, 'utf8');
const doc = parseHtml(Buffer.from(page), 'f01.html');
const html = (s: string) => Buffer.from(s);

describe('parseHtml on a provincial news page', () => {
  it('keeps the article and leaves out menus, related links, share bar, counters, byline, footer and scripts', () => {
    expect(doc.text).toContain('Tổng kế hoạch vốn năm 2023 giao cho Chương trình là 412.650 triệu đồng, trong đó');
    for (const furniture of ['Trang chủ', 'Tin liên quan', '500 tỷ đồng', 'Thống kê truy cập', '8.456.789', 'lượt thích', 'Minh Anh', 'Giấy phép', '125430', 'pageViews', '99%', 'Từ khóa']) {
      expect(doc.text).not.toContain(furniture);
    }
  });

  it('reads title, published date and site name from meta tags', () => {
    expect(doc).toMatchObject({
      format: 'html',
      title: 'Kết quả thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2023 trên địa bàn tỉnh Lai Châu',
      published: '2024-01-16',
      siteName: 'Báo Lai Châu điện tử',
    });
  });

  it('locates paragraphs and table cells by CSS path', () => {
    const cell = doc.blocks.find((b) => b.kind === 'table-cell' && doc.text.slice(b.start, b.end) === '117.994')!;
    expect(cell).toMatchObject({ rowLabel: 'Sìn Hồ', colHeader: 'Giải ngân (triệu đồng)', locator: { table: 1, row: 4, col: 3, path: 'div.detail-content > table:nth-of-type(1)' } });
    const h = doc.blocks.find((b) => b.kind === 'heading')!;
    expect(h).toMatchObject({ level: 2, locator: { paragraph: 4, path: 'div.detail-content > h2:nth-of-type(1)' } });
  });

  it('links in-page footnotes to the figure they follow', () => {
    const note = doc.blocks.find((b) => b.kind === 'footnote' && b.footnote === 1)!;
    expect(doc.text.slice(note.refAt! - 18, note.refAt!)).toBe('412.650 triệu đồng');
    expect(doc.text.slice(note.start, note.end)).not.toContain('↩');
  });
});

describe('finding the article', () => {
  it('uses a per-site selector when the page names its host', () => {
    const rules: SiteRule[] = [{ host: 'baolaichau.vn', article: 'ol.footnotes' }];
    const onSite = page.replace('<head>', '<head><link rel="canonical" href="https://www.baolaichau.vn/kinh-te/bai-1.html">');
    expect(parseHtml(html(onSite), 'a.html', rules).text).toMatch(/^Trong đó: vốn đầu tư phát triển/);
  });

  it('falls back to the densest block of paragraphs on an unknown layout', () => {
    const p = '<p>Huyện đã giải ngân 1.250 triệu đồng vốn sự nghiệp cho các xã đặc biệt khó khăn trong năm.</p>';
    const d = parseHtml(html(`<html><body><div class="x"><a href="/">Trang chủ</a> <a href="/b">Tin mới</a></div><div class="y">${p.repeat(4)}</div></body></html>`), 'b.html', []);
    expect(d.text.split('\n')).toHaveLength(4);
    expect(d.blocks[0].locator.path).toBe('div.y > p:nth-of-type(1)');
  });

  it('takes the date from a byline when meta tags have none', () => {
    const d = parseHtml(html('<html><body><article><div class="post-time">Thứ ba, 10/08/2022 15:30</div><p>Giải ngân 5 tỷ đồng.</p></article></body></html>'), 'c.html', []);
    expect(d.published).toBe('2022-08-10');
    expect(bylineDate('Cập nhật: 31-12-2023 - 08:00')).toBe('2023-12-31');
    expect(bylineDate('32/13/2023')).toBeNull();
  });
});

describe('decodeHtml', () => {
  it('follows the meta charset and a BOM', () => {
    const legacyDir = join(import.meta.dirname, '../corpus/fixtures/legacy');
    const cp1258 = readFileSync(join(legacyDir, 'windows-1258.txt'));
    const head = Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head><body><p>');
    const legacy = Buffer.concat([head, cp1258, Buffer.from('</p></body></html>')]);
    expect(decodeHtml(legacy).normalize('NFC')).toContain(readFileSync(join(legacyDir, 'expected.txt'), 'utf8'));
    const body = '<p>Giải ngân 72,4% kế hoạch</p>';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`<html>${body}</html>`, 'utf16le')]);
    expect(decodeHtml(utf16)).toContain(body);
  });
});

describe('hostOf', () => {
  it('gives the host of an http(s) address however URL would read it, and null for paths and other schemes', () => {
    expect(['https://www.baolaichau.vn/a', ' \tHTTP://laichau.gov.vn', '\nhttps://x.vn:8080/p'].map(hostOf)).toEqual(['baolaichau.vn', 'laichau.gov.vn', 'x.vn']);
    expect(['/tmp/a.txt', 'corpus/f01.html', 'hostile/x.html', 'ftp://x.vn/a', 'mailto:a@x.vn', ''].map(hostOf)).toEqual([null, null, null, null, null, null]);
  });
});
