// Hostile documents through the real command, each in a batch with a good file after it: the
// `solieu ingest` process runs under /usr/bin/time, so each case asserts its wall time, its peak
// memory (RSS, worker included), its one line on stderr, and that the good file was stored.
// Every file is generated here (tests/hostile-cases.ts); none is committed.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync, execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as make from './hostile-cases.ts';
import { scanPdf } from '../scripts/fixture-kit.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/solieu.js');
const TIME = '/usr/bin/time';
const GOOD_TEXT = 'Năm 2024, xã Tà Tổng đã giải ngân 4.321 triệu đồng vốn Chương trình MTQG 1719.\n';
/** The sandbox's cap (20 s + 15 s per MB) plus two process start-ups on a busy machine. */
const capSeconds = (bytes: number) => 20 + (15 * bytes) / 2 ** 20 + 20;
/** Printing a few hundred thousand figures as JSON, after the sandbox is done, on a busy machine. */
const OUTPUT_SECONDS = 60;
/** Main process (~150 MB) + one worker under its 512 MB heap cap + buffers. */
const MAX_RSS_MB = 1100;

let dir: string;
const hasTime = existsSync(TIME);
const hasOcr = (() => {
  try {
    return execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').includes('vie') && !!execFileSync('which', ['pdftoppm']);
  } catch {
    return false;
  }
})();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'solieu-hostile-batch-'));
  writeFileSync(join(dir, 'good.txt'), GOOD_TEXT);
});

interface Run {
  code: number;
  stdout: string;
  stderr: string[];
  seconds: number;
  rssMb: number;
  db: string;
}

let runs = 0;
/** `solieu ingest <files…> --db <fresh>` under /usr/bin/time. */
function ingest(files: string[]): Run {
  const n = ++runs;
  const db = join(dir, `run${n}.sqlite`);
  const stats = join(dir, `run${n}.time`);
  const r = spawnSync(TIME, ['-f', '%M %e', '-o', stats, process.execPath, BIN, 'ingest', ...files, '--db', db, '--quiet', '--no-audit'], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  const [kb, seconds] = readFileSync(stats, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.split('\n').filter(Boolean), seconds, rssMb: kb / 1024, db };
}

/** `solieu <args…>` under /usr/bin/time, on an existing store. */
function solieu(args: string[]): Omit<Run, 'db'> {
  const n = ++runs;
  const stats = join(dir, `run${n}.time`);
  const r = spawnSync(TIME, ['-f', '%M %e', '-o', stats, process.execPath, BIN, ...args], { encoding: 'utf8', timeout: 300_000 });
  const [kb, seconds] = readFileSync(stats, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.split('\n').filter(Boolean), seconds, rssMb: kb / 1024 };
}

/** `solieu extract --json <file>` under /usr/bin/time, its JSON read back from a file. */
function extract(file: string): Omit<Run, 'db' | 'stdout'> & { out: { figures: { value: number }[]; document: { text: string } } | null } {
  const n = ++runs;
  const stats = join(dir, `run${n}.time`);
  const json = join(dir, `run${n}.json`);
  const fd = openSync(json, 'w');
  const r = spawnSync(TIME, ['-f', '%M %e', '-o', stats, process.execPath, BIN, 'extract', '--json', file], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', timeout: 300_000 });
  closeSync(fd);
  const [kb, seconds] = readFileSync(stats, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  const out = r.status === 0 ? JSON.parse(readFileSync(json, 'utf8')) : null;
  return { code: r.status ?? -1, stderr: r.stderr.split('\n').filter(Boolean), seconds, rssMb: kb / 1024, out };
}

function write(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** The stored latest documents of a run: uri -> text and figure values. */
function stored(db: string): Map<string, { text: string; values: number[]; confidence: number[]; locators: string[] }> {
  const conn = new Database(db, { readonly: true });
  try {
    const docs = conn.prepare('SELECT id, source, text FROM latest_documents').all() as { id: number; source: string; text: string }[];
    const figs = conn.prepare('SELECT value, confidence, locator FROM figures WHERE document_id = ? ORDER BY span_start');
    return new Map(
      docs.map((d) => {
        const rows = figs.all(d.id) as { value: number; confidence: number; locator: string | null }[];
        return [d.source, { text: d.text, values: rows.map((r) => r.value), confidence: rows.map((r) => r.confidence), locators: rows.map((r) => r.locator ?? '') }];
      }),
    );
  } finally {
    conn.close();
  }
}

/** The good file went through after the bad one. */
function expectGoodStored(run: Run): void {
  const good = stored(run.db).get(join(dir, 'good.txt'));
  expect(good?.values).toEqual([4_321_000_000]);
}

/** A bad file: exit 1, one line naming it on stderr (and nothing else), within time and memory. */
function expectRefused(run: Run, file: string, reason: RegExp, bytes: number, maxRssMb = MAX_RSS_MB): void {
  expect(run.code).toBe(1);
  expect(run.stderr).toHaveLength(1);
  expect(run.stderr[0].startsWith(`${file}: `)).toBe(true);
  expect(run.stderr[0].slice(file.length + 2)).toMatch(reason);
  expect(run.stdout).toMatch(/ingested 1 \(1 figures\), unchanged 0, failed 1/);
  expect(run.seconds).toBeLessThan(capSeconds(bytes));
  expect(run.rssMb).toBeLessThan(maxRssMb);
  expectGoodStored(run);
}

/** A file that must be read whole: exit 0, the warnings given (one line each), within time and memory. */
function expectRead(run: Run, file: string, bytes: number, warnings: RegExp[] = []): { text: string; values: number[]; confidence: number[]; locators: string[] } {
  expect(run.stderr).toHaveLength(warnings.length);
  warnings.forEach((w, i) => expect(run.stderr[i]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: warning: ${w.source}`)));
  expect(run.code).toBe(0);
  expect(run.seconds).toBeLessThan(capSeconds(bytes));
  expect(run.rssMb).toBeLessThan(MAX_RSS_MB);
  expectGoodStored(run);
  return stored(run.db).get(file)!;
}

const sentences = (bytes: Buffer) => bytes.toString('utf8').split(make.SENTENCE).length - 1;

describe.skipIf(!hasTime)('hostile documents in a batch: each within its cap, one line, the next file stored', () => {
  it('a DOCX whose relationships part is an inflate bomb stops at the budget, not at 3 GB', () => {
    const bytes = make.relsBombDocx(200);
    const bad = write('rels-bomb.docx', bytes);
    expectRefused(ingest([bad, join(dir, 'good.txt')]), bad, /^DOCX: word\/_rels\/document\.xml\.rels inflates to more than 64 MB \(zip bomb\?\)$/, bytes.length, 600);
  }, 120_000);

  it('a PDF FlateDecode bomb of 3 GB stops at the budget', () => {
    const bytes = make.flateBombPdf(3);
    const bad = write('flate-bomb.pdf', bytes);
    expectRefused(ingest([bad, join(dir, 'good.txt')]), bad, /^PDF: a compressed stream inflates to more than 64 MB \(a decompression bomb\?\)$/, bytes.length, 600);
  }, 120_000);

  it('5 MB of prose on one line is read whole within its cap (once quadratic)', () => {
    const bytes = make.oneLineProse(5 * 2 ** 20);
    const run = extract(write('one-line.txt', bytes));
    expect(run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.seconds).toBeLessThan(capSeconds(bytes.length) + OUTPUT_SECONDS);
    expect(run.rssMb).toBeLessThan(MAX_RSS_MB);
    expect(run.out!.figures.filter((f) => f.value === 12_345_000_000)).toHaveLength(sentences(bytes));
  }, 300_000);

  it('500 KB of VNI-encoded text decodes in linear time', () => {
    const bytes = make.vniText(500 * 1024);
    const file = write('vni.txt', bytes);
    const doc = expectRead(ingest([file, join(dir, 'good.txt')]), file, bytes.length);
    expect(doc.text.startsWith(make.SENTENCE)).toBe(true);
    expect(doc.values.filter((v) => v === 12_345_000_000).length).toBe(doc.text.split('\n').length);
  }, 300_000);

  it('100,000 footnote references', () => {
    const bytes = make.footnoteRefs(100_000);
    const run = extract(write('footnotes.txt', bytes));
    expect(run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.seconds).toBeLessThan(capSeconds(bytes.length) + OUTPUT_SECONDS);
    expect(run.rssMb).toBeLessThan(MAX_RSS_MB);
    expect(run.out!.figures.length).toBeGreaterThanOrEqual(100_000);
  }, 300_000);

  it('2 MB of combining marks and 20 MB of zero-width characters, each before a real sentence', () => {
    const marks = make.combiningMarks(2 * 2 ** 20);
    const zw = make.zeroWidth(20 * 2 ** 20);
    const [a, b] = [write('marks.txt', marks), write('zero-width.txt', zw)];
    const run = ingest([a, join(dir, 'good.txt'), b]);
    expect(run.code).toBe(0);
    expect(run.stderr).toEqual([]);
    expect(run.seconds).toBeLessThan(capSeconds(marks.length) + capSeconds(zw.length));
    expect(run.rssMb).toBeLessThan(MAX_RSS_MB);
    expectGoodStored(run);
    const docs = stored(run.db);
    expect(docs.get(a)?.values).toEqual([12_345_000_000, 85.2]);
    expect(docs.get(b)?.values).toEqual([12_345_000_000, 85.2]);
  }, 300_000);

  it('one sentence of 40,000 amounts is read whole within its cap (extraction is linear in the figures of a sentence); the batch goes on', () => {
    const bytes = make.longList(40_000);
    const file = write('long-list.txt', bytes);
    const run = ingest([file, join(dir, 'good.txt')]);
    expect(run.seconds).toBeLessThan(capSeconds(bytes.length));
    expect(run.rssMb).toBeLessThan(MAX_RSS_MB);
    expectGoodStored(run);
    expect(run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    expect(stored(run.db).get(file)!.values).toHaveLength(40_000);
  }, 300_000);

  it('a text table of 200,000 rows (once a stack overflow)', () => {
    const bytes = make.textTable(200_000);
    const run = extract(write('table.txt', bytes));
    expect(run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.seconds).toBeLessThan(capSeconds(bytes.length) + OUTPUT_SECONDS);
    // The worker stays under its heap cap and hands over the JSON in chunks, checked as written;
    // the main process holds only those bytes (1.4-1.8 GB when it held the objects and one string).
    expect(run.rssMb).toBeLessThan(MAX_RSS_MB);
    expect(run.out!.figures.length).toBeGreaterThanOrEqual(200_000);
  }, 300_000);

  it('a text table of 200,000 rows is ingested whole, audited, within the same caps (once 2.2 GB)', () => {
    const bytes = make.textTable(200_000);
    const file = write('table-ingest.txt', bytes);
    const n = ++runs;
    const db = join(dir, `run${n}.sqlite`);
    const stats = join(dir, `run${n}.time`);
    // Audited (the default): the document's own audit runs in the sandbox, not over objects here.
    const r = spawnSync(TIME, ['-f', '%M %e', '-o', stats, process.execPath, BIN, 'ingest', file, join(dir, 'good.txt'), '--db', db, '--quiet'], { encoding: 'utf8', timeout: 300_000 });
    const [kb, seconds] = readFileSync(stats, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
    const run: Run = { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.split('\n').filter(Boolean), seconds, rssMb: kb / 1024, db };
    expect(run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.seconds).toBeLessThan(capSeconds(bytes.length) + OUTPUT_SECONDS);
    expect(run.rssMb).toBeLessThan(MAX_RSS_MB);
    expectGoodStored(run);
    const conn = new Database(db, { readonly: true });
    try {
      const doc = conn.prepare('SELECT id, audited, blocks FROM latest_documents WHERE source = ?').get(file) as { id: number; audited: number; blocks: string };
      expect(doc.audited).toBe(1);
      // Every row's amount stored, in order, and the blocks stored as the JSON text they are.
      const values = conn.prepare('SELECT value FROM figures WHERE document_id = ? ORDER BY span_start').pluck().all(doc.id) as number[];
      expect(values.length).toBeGreaterThanOrEqual(200_000);
      expect(values.slice(0, 3)).toEqual([100_000_000_000, 101_001_000_000, 102_002_000_000]);
      expect(typeof doc.blocks).toBe('string');
      expect(JSON.parse(doc.blocks)).toHaveLength(400_002);
    } finally {
      conn.close();
    }
  }, 300_000);

  it('silent losses now say what they decided: pages past the cap, running heads, charsets, mixed encodings, %PDF- in text', () => {
    const pages310 = write('pages.pdf', make.pdfPages(Array.from({ length: 310 }, (_, p) => [`Xa ${p + 1}: giai ngan ${(p * 37) % 90 + 10} ty dong.`])));
    // Five pages of three same-shaped lines whose figures change: body text, not running heads.
    const tableRows = Array.from({ length: 5 }, (_, p) => [0, 1, 2].map((k) => `Xa ${p * 3 + k + 1}: giai ngan ${((p * 7 + k * 13) % 90) + 10} ty dong`));
    const shaped = write('shaped.pdf', make.pdfPages(tableRows));
    // A real running head (same text on every page) and footer (the page number): dropped, and said.
    const headed = write('headed.pdf', make.pdfPages(Array.from({ length: 4 }, (_, p) => ['UBND tinh Lai Chau - Bao cao 2023', `Noi dung trang ${p + 1} giai ngan ${p * 5 + 3} ty dong.`, `Bao cao so 12 - trang ${p + 1}`])));
    const html = write('lying.html', make.lyingCharsetHtml());
    const mixed = write('mixed.txt', make.mixedEncodings());
    const mentions = write('mentions.txt', make.mentionsPdfHeader());
    const good = join(dir, 'good.txt');
    const files = [pages310, shaped, headed, html, mixed, mentions];
    const run = ingest([...files, good]);
    expect(run.code).toBe(0);
    expect(run.rssMb).toBeLessThan(MAX_RSS_MB);
    expect(run.seconds).toBeLessThan(capSeconds(0) * files.length);
    expectGoodStored(run);
    expect(run.stderr).toEqual([
      `${pages310}: warning: PDF has 310 pages; only the first 300 were read (10 dropped): split the file to read the rest`,
      `${headed}: warning: dropped 8 running header/footer lines repeated on most pages (such as "UBND tinh Lai Chau - Bao cao 2023")`,
      `${html}: warning: the page declares charset windows-1258 but its bytes are UTF-8: read as UTF-8`,
      `${mixed}: warning: mixed encodings: 2 lines read as UTF-8 and 1 as windows-1258, line by line`,
    ]);
    // Stored with their documents, and listed where findings are.
    const audit = solieu(['audit', '--no-run', '--db', run.db]);
    expect(audit.code).toBe(0);
    expect(audit.stdout).toContain(`parser warnings (4 in 4 documents):\n${run.stderr.map((l) => `    ${l}\n`).join('')}`);
    const docs = stored(run.db);
    expect(docs.get(shaped)!.text.split(/(?=Xa \d+:)/).map((s) => s.trim())).toEqual(tableRows.flat());
    expect(docs.get(headed)!.text.split(/(?=Noi dung)/).map((s) => s.trim())).toEqual([1, 2, 3, 4].map((p) => `Noi dung trang ${p} giai ngan ${(p - 1) * 5 + 3} ty dong.`));
    expect(docs.get(html)!.text).toBe(make.SENTENCE);
    expect(docs.get(mixed)!.text).toContain('Tỉnh Lai Châu đã giải ngân 298.764 triệu đồng');
    expect(docs.get(mixed)!.values).toContain(298_764_000_000);
    expect(docs.get(mentions)!.text).toContain('%PDF-1.7');
    expect(docs.get(mentions)!.values).toEqual([12_345_000_000, 85.2]);
  }, 300_000);

  it('a small PDF costs a small worker (once ~580 MB each)', () => {
    const run = ingest([join(ROOT, 'corpus/fixtures/hostile/javascript.pdf'), join(dir, 'good.txt')]);
    expect(run.code).toBe(0);
    expect(run.rssMb).toBeLessThan(400);
    expectGoodStored(run);
  }, 120_000);

  it.skipIf(!hasOcr)('a scanned Vietnamese page is read by OCR: its figures, with page locators and lower confidence', () => {
    // The f01 report's first page rendered to an image and wrapped back as an image-only PDF.
    const jpeg = join(dir, 'page');
    execFileSync('pdftoppm', ['-r', '200', '-gray', '-jpeg', '-f', '1', '-l', '1', '-singlefile', join(ROOT, 'corpus/fixtures/f01_bao_cao_gnbv_lai_chau.pdf'), jpeg]);
    const scan = write('scan.pdf', scanPdf([readFileSync(`${jpeg}.jpg`)]));
    const run = ingest([scan, join(dir, 'good.txt')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toEqual([`${scan}: warning: no text layer: 1 page read by OCR (Tesseract, Vietnamese); check its figures against the scan`]);
    expect(run.rssMb).toBeLessThan(MAX_RSS_MB);
    expectGoodStored(run);
    const doc = stored(run.db).get(scan)!;
    for (const v of [412_650_000_000, 389_200_000_000, 298_764_000_000, 72.4, 118_905_000_000]) expect(doc.values).toContain(v);
    expect(Math.max(...doc.confidence)).toBeLessThanOrEqual(0.7);
    expect(doc.locators.every((l) => JSON.parse(l).page === 1)).toBe(true);
    // Re-extracted from the stored text, it is still an OCR reading: same figures, confidence and
    // locators, and its warning is kept.
    const again = solieu(['reextract', '--force', '--db', run.db, '--quiet']);
    expect(again.stderr).toEqual([]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^reextracted 2 documents/);
    expect(again.rssMb).toBeLessThan(MAX_RSS_MB);
    expect(stored(run.db).get(scan)).toEqual(doc);
    expect(solieu(['audit', '--no-run', '--db', run.db]).stdout).toContain(`    ${run.stderr[0]}\n`);
  }, 300_000);
});
