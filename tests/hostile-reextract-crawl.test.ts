// reextract and the crawler extract in the sandbox too, under the same caps as ingest: a stored
// document whose extraction blows the heap cap, or a crawled page over the output cap, fails alone
// with one line, and the rest of the run goes on. (The cap is lowered to 128 MB here so that a 1-4 MB document
// crosses it in seconds; one small document needs under 96 MB.) Real SQLite files, a real HTTP
// server on 127.0.0.1, the real worker; `solieu reextract` itself runs under /usr/bin/time.
import { describe, it, expect, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../src/store/db.ts';
import { currentVersions, ingestFiles } from '../src/store/ingest.ts';
import { reextractStore } from '../src/store/reextract.ts';
import { crawlRun } from '../src/crawl/crawler.ts';
import { DEFAULT_LIMITS } from '../src/sandbox/index.ts';
import { articlePage, html, startServer, type FixtureServer } from './http-fixture.ts';
import * as make from './hostile-cases.ts';

const ROOT = join(import.meta.dirname, '..');
const TIME = '/usr/bin/time';
const SMALL_HEAP = { ...DEFAULT_LIMITS, heapMb: 128 };
const GOOD = (n: number) => `Năm 2024, xã Tà Tổng đã giải ngân ${n}.321 triệu đồng vốn Chương trình MTQG 1719.\n`;

const servers: FixtureServer[] = [];
const dbs: Db[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const d of dbs.splice(0)) d.close();
});

function fresh(): { dir: string; db: Db } {
  const dir = mkdtempSync(join(tmpdir(), 'solieu-hostile-rx-'));
  const db = openDb(join(dir, 'store.sqlite'));
  dbs.push(db);
  return { dir, db };
}

const figuresOf = (db: Db, id: number) => db.prepare('SELECT value FROM figures WHERE document_id = ? ORDER BY span_start').pluck().all(id) as number[];
const versionOf = (db: Db, id: number) => db.prepare('SELECT extractor_version FROM documents WHERE id = ?').pluck().get(id);

describe('reextract and crawl under the sandbox caps', () => {
  it('reextract: a document over the heap cap and one whose stored structure is damaged fail alone, keeping their figures; the others are redone', async () => {
    const { dir, db } = fresh();
    const files = [GOOD(1), null, GOOD(2), GOOD(3)].map((t, i) => {
      const path = join(dir, `doc${i}.txt`);
      writeFileSync(path, t ?? make.oneLineProse(4 * 2 ** 20));
      return path;
    });
    const outcomes = await ingestFiles(db, files, { audit: false });
    expect(outcomes.map((o) => o.status)).toEqual(['ingested', 'ingested', 'ingested', 'ingested']);
    const ids = outcomes.map((o) => (o.status === 'ingested' ? o.documentId : -1));
    const bigFigures = figuresOf(db, ids[1]);
    expect(bigFigures.length).toBeGreaterThan(50_000);
    db.prepare("UPDATE documents SET extractor_version = 'old'").run();
    db.prepare("UPDATE documents SET blocks = '[{' WHERE id = ?").run(ids[3]);
    db.prepare('DELETE FROM figures WHERE document_id = ?').run(ids[2]);

    const started = performance.now();
    const s = await reextractStore(db, currentVersions(), { limits: SMALL_HEAP });
    expect(performance.now() - started).toBeLessThan(120_000);
    expect(s.failed).toEqual([
      { documentId: ids[1], name: files[1], reason: 'ran out of memory (limit 128 MB): the document is too large or malformed' },
      { documentId: ids[3], name: files[3], reason: 'its stored structure is not valid JSON (the store is damaged): ingest the file again' },
    ]);
    expect(s.reextracted).toEqual([ids[0], ids[2]]);
    // The failed ones are as they were (and stay due for the next reextract); the one after the
    // failure got its figures back.
    expect(figuresOf(db, ids[1])).toEqual(bigFigures);
    expect([ids[1], ids[3]].map((id) => versionOf(db, id))).toEqual(['old', 'old']);
    expect(figuresOf(db, ids[2])).toEqual([2_321_000_000]);
    expect(versionOf(db, ids[2])).toBe(currentVersions().extractor);
  }, 300_000);

  it('crawl: a page over the output cap fails as one line in the run; the next article is stored', async () => {
    // The figure count is checked after extraction, in the worker: the page's parse alone passes.
    const big = Array.from({ length: 600 }, () => make.SENTENCE).join('</p><p>');
    const s = await startServer({
      '/tin': html('<a href="/tin/lon-200001.html">a</a><a href="/tin/nho-200002.html">b</a>'),
      '/tin/lon-200001.html': html(articlePage('Bài rất dài', '2024-07-02', big)),
      '/tin/nho-200002.html': html(articlePage('Bài ngắn', '2024-07-02', GOOD(4).trim())),
    });
    servers.push(s);
    const { db } = fresh();
    const r = await crawlRun(db, {
      sites: [],
      starts: [`${s.origin}/tin`],
      allowPrivate: true,
      userAgent: 'solieu/0.1 (+kiemtra@example.org)',
      since: null,
      budget: 50,
      delayMs: 5,
      timeoutMs: 5000,
      revisitMs: 86_400_000,
      retries: 0,
      maxWaitMs: 1000,
      log: () => {},
      limits: { ...DEFAULT_LIMITS, maxFigures: 1000 },
    });
    if (!r.ok) throw new Error('lock held');
    expect(r.summary).toMatchObject({ new: 1, failed: 1 });
    expect(r.summary.failures).toEqual([{ url: `${s.origin}/tin/lon-200001.html`, reason: 'yields 1200 figures, over the 1000 limit: split the document' }]);
    const docs = db.prepare('SELECT s.uri, d.id FROM documents d JOIN sources s ON s.id = d.source_id').all() as { uri: string; id: number }[];
    expect(docs.map((d) => d.uri)).toEqual([`${s.origin}/tin/nho-200002.html`]);
    expect(figuresOf(db, docs[0].id)).toEqual([4_321_000_000]);
  }, 300_000);

  it.skipIf(!existsSync(TIME))('solieu reextract: one line for a damaged document, exit 1, the others redone, within time and memory', async () => {
    const { dir, db } = fresh();
    const files = [GOOD(5), GOOD(6), GOOD(7)].map((t, i) => {
      const path = join(dir, `r${i}.txt`);
      writeFileSync(path, t);
      return path;
    });
    await ingestFiles(db, files, { audit: false });
    db.prepare("UPDATE documents SET patterns_version = 'old'").run();
    db.prepare("UPDATE documents SET blocks = 'not json' WHERE id = 2").run();
    db.close();
    dbs.splice(0);
    const stats = join(dir, 'time');
    const r = spawnSync(TIME, ['-f', '%M %e', '-o', stats, process.execPath, join(ROOT, 'bin/solieu.js'), 'reextract', '--db', join(dir, 'store.sqlite'), '--quiet'], { encoding: 'utf8', timeout: 120_000 });
    const [kb, seconds] = readFileSync(stats, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([`${files[1]}: its stored structure is not valid JSON (the store is damaged): ingest the file again`]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^reextracted 2 documents \(figures 2 -> 2\), failed 1, 0 already at/);
    expect(seconds).toBeLessThan(60);
    expect(kb / 1024).toBeLessThan(600);
  }, 180_000);
});
