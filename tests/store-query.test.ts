import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../src/store/db.ts';
import { insertDocument } from '../src/store/write.ts';
import { queryFigures, iterateFigures } from '../src/store/query.ts';
import { parseExport, serialize, EXPORT_FORMATS } from '../src/store/export.ts';
import { auditStore } from '../src/store/findings.ts';
import { listFindings } from '../src/store/finding-rows.ts';
import { renderTable } from '../src/store/table.ts';
import { renderFindings } from '../src/store/finding-text.ts';
import { reextractStore } from '../src/store/reextract.ts';
import { extractParsedInSandbox } from '../src/sandbox/index.ts';
import { loadFigures } from '../src/store/figures.ts';
import { toFtsQuery } from '../src/store/fts.ts';
import { fold } from '../src/store/fold.ts';
import { provinceKeys, suggestPlace } from '../src/store/places.ts';
import { output, tr } from './store-fixtures.ts';

const v1 = { extractor: 'old', patterns: 'p0' };
const parsedOf = (text: string) => ({ format: 'txt' as const, title: null, published: null, text, blocks: [] });
const bacKan = { province: 'Bắc Kạn', district: 'Chợ Đồn', current: 'Thái Nguyên' };
const dienBien = { province: 'Điện Biên', district: 'Điện Biên Đông', current: 'Điện Biên' };

const textA =
  'Huyện Chợ Đồn, tỉnh Bắc Kạn năm 2022 giải ngân 946.282 triệu đồng (trong đó: vốn NSTW là 901.556 triệu đồng, vốn NSĐP là 62.726 triệu đồng).\n' +
  'Dự án 5 hỗ trợ 120 hộ <b>nghèo</b> "đặc biệt" \u001b[31mkhó khăn\u001b[0m.';
const textB =
  'Huyện Điện Biên Đông đến 30/6/2024 giải ngân 59.622 triệu đồng cho Tiểu dự án 1 Dự án 9. Tỷ lệ giải ngân đạt 26,21%.';

let dir: string;
let db: Db;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'solieu-query-'));
  db = openDb(join(dir, 'q.sqlite'));
  const a = output(textA, [
    { text: '946.282 triệu đồng', value: tr(946282), metric: 'disbursed', program: 'ntm', year: 2022, location: bacKan },
    { text: '901.556 triệu đồng', value: tr(901556), metric: 'disbursed', program: 'ntm', year: 2022, fund: 'nstw', partOf: 'f1', location: bacKan },
    { text: '62.726 triệu đồng', value: tr(62726), metric: 'disbursed', program: 'ntm', year: 2022, fund: 'nsdp', partOf: 'f1', location: bacKan },
    { text: '120 hộ', value: 120, unit: 'hộ', kind: 'quantity', program: 'gnbv', project: 'Dự án 5', location: bacKan },
  ], '1'.repeat(64));
  const b = output(textB, [
    { text: '59.622 triệu đồng', value: tr(59622), metric: 'disbursed', program: 'dtts', project: 'Tiểu dự án 1 Dự án 9', asOf: '2024-06-30', location: dienBien },
    { text: '26,21%', value: 26.21, program: 'dtts', asOf: '2024-06-30', location: dienBien, rateOf: 'f1' },
  ], '2'.repeat(64));
  insertDocument(db, '/corpus/a.txt', parsedOf(textA), a, v1, 'now');
  insertDocument(db, '/corpus/b.txt', parsedOf(textB), b, v1, 'now');
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const texts = (rows: { text: string }[]) => rows.map((r) => r.text);

describe('query', () => {
  it('finds a former province by its name and by the province it merged into', () => {
    expect(texts(queryFigures(db, { province: 'Bắc Kạn' }))).toHaveLength(4);
    expect(texts(queryFigures(db, { province: 'Thái Nguyên' }))).toHaveLength(4);
    expect(texts(queryFigures(db, { province: 'thai nguyen' }))).toHaveLength(4);
  });

  it('resolves a province alias and suggests a name for a typo', () => {
    expect(texts(queryFigures(db, { province: 'Bắc Cạn' }))).toHaveLength(4);
    expect(provinceKeys('Bac Can')).toEqual(['bac can', 'bac kan']);
    expect(suggestPlace('Dien Bein', 'province')).toBe('Điện Biên');
    expect(suggestPlace('Dien Bien', 'province')).toBeNull();
    expect(suggestPlace('Muong Nhee', 'district')).toBe('Mường Nhé');
    expect(suggestPlace('Paris', 'province')).toBeNull();
  });

  it('matches places and text without diacritics (đ→d included)', () => {
    expect(fold('Điện Biên Đông')).toBe('dien bien dong');
    expect(texts(queryFigures(db, { province: 'Dien Bien' }))).toEqual(['59.622 triệu đồng', '26,21%']);
    expect(texts(queryFigures(db, { district: 'dien bien dong', kind: 'money' }))).toEqual(['59.622 triệu đồng']);
    expect(texts(queryFigures(db, { text: 'Cho Don giai ngan' }))).toEqual(['946.282 triệu đồng', '901.556 triệu đồng', '62.726 triệu đồng']);
  });

  it('filters by programme, project (with sub-projects), metric, kind, year, date and value', () => {
    expect(texts(queryFigures(db, { program: 'gnbv' }))).toEqual(['120 hộ']);
    expect(texts(queryFigures(db, { project: 'Dự án 9' }))).toEqual(['59.622 triệu đồng']);
    expect(texts(queryFigures(db, { metric: 'disbursed', year: 2024 }))).toEqual(['59.622 triệu đồng']);
    expect(texts(queryFigures(db, { kind: 'percent' }))).toEqual(['26,21%']);
    expect(texts(queryFigures(db, { asOfFrom: '2024-01-01', asOfTo: '2024-06-30', kind: 'money' }))).toEqual(['59.622 triệu đồng']);
    expect(texts(queryFigures(db, { kind: 'money', min: tr(60000), max: tr(905000) }))).toEqual(['901.556 triệu đồng', '62.726 triệu đồng']);
  });

  it('treats quotes and FTS operators in search text as words', () => {
    expect(toFtsQuery('"Dien AND (Bien* OR NEAR')).toBe('"dien" AND "and" AND "bien" AND "or" AND "near"');
    // Numbers are the phrase of their groups, however separated ("275,332" finds "275.332").
    expect(toFtsQuery('275,332 và 1234567')).toBe('"275 332" AND "va" AND ("1234567" OR "1 234 567")');
    for (const t of ['"unbalanced', 'a"b"c"', '(((', 'NOT', '*', 'dien -bien', 'col:value', '^x', '"'])
      expect(() => queryFigures(db, { text: t })).not.toThrow();
    expect(texts(queryFigures(db, { text: '"Điện Biên Đông' }))).toEqual(['59.622 triệu đồng']);
    expect(queryFigures(db, { text: '((( "' })).toEqual([]);
  });

  it('gives each row its citation: quote, spans and source', () => {
    const [row] = queryFigures(db, { kind: 'percent' });
    expect(row).toMatchObject({ source: '/corpus/b.txt', quote: 'Tỷ lệ giải ngân đạt 26,21%.', version: 1, rateOf: 'f1' });
    expect(textB.slice(row.quoteStart, row.quoteEnd)).toBe(row.quote);
    expect(textB.slice(row.start, row.end)).toBe(row.text);
  });

  it('shows quotes as text: markup stays literal and terminal escapes are made visible', () => {
    const [row] = queryFigures(db, { program: 'gnbv' });
    expect(row.quote).toContain('<b>nghèo</b> "đặc biệt" \u001b[31m');
    const shown = renderTable(['quote'], [[row.quote]], 200);
    expect(shown).toContain('<b>nghèo</b> "đặc biệt" \\x1b[31mkhó khăn\\x1b[0m');
    expect(shown).not.toContain('\u001b');
  });
});

describe('export', () => {
  it.each(EXPORT_FORMATS)('round-trips every row through %s', (format) => {
    const rows = queryFigures(db, {});
    const text = [...serialize(iterateFigures(db, {}), format)].join('');
    expect(parseExport(text, format)).toEqual(rows);
    expect(rows).toHaveLength(6);
  });
});

describe('audit findings in the store', () => {
  it('stores findings with both citations and replaces them on a rerun', () => {
    expect(auditStore(db).findings).toBeGreaterThan(0);
    const first = listFindings(db, { rule: 'components' });
    expect(first).toHaveLength(1);
    expect(first[0].source).toBe('/corpus/a.txt');
    expect(first[0].figures.map((f) => [f.role, f.text])).toEqual([
      ['total', '946.282 triệu đồng'],
      ['component', '901.556 triệu đồng'],
      ['component', '62.726 triệu đồng'],
    ]);
    expect(first[0].figures[0].quote).toContain('giải ngân 946.282 triệu đồng');
    const before = db.prepare('SELECT count(*) FROM findings').pluck().get();
    auditStore(db);
    expect(db.prepare('SELECT count(*) FROM findings').pluck().get()).toBe(before);
    expect(listFindings(db, { rule: 'components' }).map((f) => f.message)).toEqual(first.map((f) => f.message));
    expect(renderFindings(first)).toContain('[components]');
    // The views for sqlite3 / Datasette: a figure with its document, quote and place in one row.
    const view = db.prepare("SELECT source, text, quote, province, latest FROM figure_rows WHERE text = '62.726 triệu đồng'").get();
    expect(view).toMatchObject({ source: '/corpus/a.txt', province: 'Bắc Kạn', latest: 1 });
    expect(db.prepare("SELECT count(*) FROM finding_rows WHERE rule = 'components'").pluck().get()).toBe(3);
  });
});

describe('reextract', () => {
  it('recomputes figures from the stored text and structure, then is up to date', async () => {
    const now = { extractor: 'new', patterns: 'p1' };
    const s = await reextractStore(db, now);
    expect(s.reextracted).toHaveLength(2);
    expect(s.figuresBefore).toBe(6);
    const doc = db.prepare("SELECT id, sha256, text FROM documents WHERE sha256 = ?").get('2'.repeat(64)) as { id: number; sha256: string; text: string };
    expect(loadFigures(db, doc.id)).toEqual((await extractParsedInSandbox(parsedOf(doc.text), 'b.txt', doc.sha256)).figures);
    expect(db.prepare('SELECT DISTINCT extractor_version || patterns_version FROM documents').pluck().all()).toEqual(['newp1']);
    expect(await reextractStore(db, now)).toMatchObject({ reextracted: [], upToDate: 2 });
    expect(db.prepare("SELECT count(*) FROM figures WHERE extractor_version <> 'new'").pluck().get()).toBe(0);
    db.prepare(`INSERT INTO citations_fts (citations_fts) VALUES ('integrity-check')`).run();
  });
});
