import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, resolveDbPath, BUSY_TIMEOUT_MS, type Db } from '../src/store/db.ts';
import { MIGRATIONS } from '../src/store/migrations.ts';
import { insertDocument } from '../src/store/write.ts';
import { ingestFile, ingestFiles } from '../src/store/ingest.ts';
import { listInputs } from '../src/store/inputs.ts';
import { loadFigures, loadKeyMembers } from '../src/store/figures.ts';
import { storeCounts } from '../src/store/stats.ts';
import { storedLike } from '../src/check/stored.ts';
import Database from 'better-sqlite3';
import { output, tr } from './store-fixtures.ts';

const versions = { extractor: 'test', patterns: 'p1' };
const parsedOf = (text: string) => ({ format: 'txt' as const, title: null, published: null, text, blocks: [] });

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'solieu-store-'));
  db = openDb(join(dir, 'test.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('opening the store', () => {
  it('migrates to the latest user_version with WAL, a busy timeout and foreign keys', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const again = openDb(join(dir, 'test.sqlite'));
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    again.close();
  });

  it('takes --db over SOLIEU_DB over ./solieu.sqlite', () => {
    const saved = process.env.SOLIEU_DB;
    try {
      delete process.env.SOLIEU_DB;
      expect(resolveDbPath()).toBe(join(process.cwd(), 'solieu.sqlite'));
      process.env.SOLIEU_DB = '/tmp/env.sqlite';
      expect(resolveDbPath()).toBe('/tmp/env.sqlite');
      expect(resolveDbPath('x.sqlite')).toBe(join(process.cwd(), 'x.sqlite'));
    } finally {
      if (saved === undefined) delete process.env.SOLIEU_DB;
      else process.env.SOLIEU_DB = saved;
    }
  });
});

describe('storing a document', () => {
  const text = 'Năm 2023 giải ngân 1.876.744 triệu đồng, đạt 82,03%. Vốn NSTW là 1.806.881 triệu đồng.';
  const out = output(text, [
    { text: '1.876.744 triệu đồng', value: tr(1876744), metric: 'disbursed', year: 2023, location: { province: 'Bắc Kạn', district: 'Chợ Đồn', current: 'Thái Nguyên' } },
    { text: '82,03%', value: 82.03, rateOf: 'f1', rateKind: 'disbursement', locator: { paragraph: 3 } },
    { text: '1.806.881 triệu đồng', value: tr(1806881), fund: 'nstw', partOf: 'f1' },
  ]);

  it('keeps every contract field, one citation per sentence, and reads figures back unchanged', () => {
    const { id } = insertDocument(db, '/x/a.txt', parsedOf(text), out, versions, '2024-01-01T00:00:00Z');
    expect(loadFigures(db, id)).toEqual(out.figures);
    expect(storeCounts(db)).toMatchObject({ documents: 1, figures: 3, citations: 2 });
    const quotes = db.prepare('SELECT quote FROM citations ORDER BY span_start').pluck().all();
    expect(quotes).toEqual(['Năm 2023 giải ngân 1.876.744 triệu đồng, đạt 82,03%.', 'Vốn NSTW là 1.806.881 triệu đồng.']);
    const row = db.prepare("SELECT extractor_version, patterns_version, province_key, current_key FROM figures WHERE fid = 'f1'").get();
    expect(row).toEqual({ extractor_version: 'test', patterns_version: 'p1', province_key: 'bac kan', current_key: 'thai nguyen' });
  });

  /** A store at schema `version` holding the document `out`, at `name` in the test folder. */
  const storeAtSchema = (version: number, name: string): { path: string; old: Db } => {
    const path = join(dir, name);
    const old = new Database(path);
    for (const step of MIGRATIONS.slice(0, version)) old.exec(step);
    old.pragma(`user_version = ${version}`);
    insertDocument(old, '/x/a.txt', parsedOf(text), out, versions, '2024-01-01T00:00:00Z');
    return { path, old };
  };
  /** The store at `path` opened, so migrated to the latest schema, for `check`. */
  const upgraded = (path: string, check: (db: Db) => void): void => {
    const db = openDb(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      check(db);
    } finally {
      db.close();
    }
  };

  it('upgrades a schema-9 store in place: figures_measure by document after the measure, over figures with a metric, finding the same figures', () => {
    const { path, old } = storeAtSchema(9, 'old.sqlite');
    const claim = out.figures[0];
    const lookUp = (d: Db) => [true, false].flatMap((strict) => storedLike(d, claim, { strict, place: true }).map((r) => [r.id, r.differs]));
    const before = lookUp(old);
    old.close();
    upgraded(path, (db) => {
      const columns = db.prepare("SELECT name FROM pragma_index_info('figures_measure') ORDER BY seqno").pluck().all();
      expect(columns.slice(0, 6)).toEqual(['metric', 'program', 'year', 'kind', 'unit', 'document_id']);
      expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'figures_measure'").pluck().get()).toMatch(/WHERE metric IS NOT NULL$/);
      expect(before.length).toBeGreaterThan(1);
      expect(lookUp(db)).toEqual(before);
    });
  });

  it("upgrades a schema-10 store in place: a cross-document key's figures read from its index, the same as from the rows", () => {
    const { path, old } = storeAtSchema(10, 'old10.sqlite');
    old.exec("UPDATE figures SET cross_key = 'k' WHERE fid <> 'f2'");
    const before = loadKeyMembers(old, 'k');
    old.close();
    upgraded(path, (db) => {
      const columns = db.prepare("SELECT name FROM pragma_index_info('figures_cross') ORDER BY seqno").pluck().all();
      expect(columns).toEqual(['cross_key', 'document_id', 'id', 'value', 'fid', 'text', 'of']);
      expect(before.map((m) => m.id)).toEqual(['f1', 'f3']);
      expect(loadKeyMembers(db, 'k')).toEqual(before);
    });
  });

  it('refuses a link to a figure the document does not have, and stores nothing of it', () => {
    const broken = { ...out, figures: out.figures.map((f) => (f.id === 'f2' ? { ...f, rateOf: 'f99' } : f)) };
    expect(() => db.transaction(() => insertDocument(db, '/x/a.txt', parsedOf(text), broken, versions, 'now'))()).toThrow(/FOREIGN KEY/);
    expect(storeCounts(db)).toMatchObject({ sources: 0, documents: 0, figures: 0, citations: 0 });
  });

  it('keeps the full-text index in step with citations through triggers', () => {
    const { id } = insertDocument(db, '/x/a.txt', parsedOf(text), out, versions, 'now');
    const hits = () => db.prepare(`SELECT count(*) FROM citations_fts WHERE citations_fts MATCH '"giai" "ngan"'`).pluck().get();
    expect(hits()).toBe(1);
    db.prepare('DELETE FROM documents WHERE id = ?').run(id);
    expect(hits()).toBe(0);
    db.prepare(`INSERT INTO citations_fts (citations_fts) VALUES ('integrity-check')`).run();
  });
});

describe('ingesting files', () => {
  it('skips the same bytes, and stores a changed file as a new version keeping the old one', async () => {
    const file = join(dir, 'report.txt');
    writeFileSync(file, 'Tỉnh Điện Biên giải ngân 59.622 triệu đồng.\n');
    const first = await ingestFile(db, file, versions);
    expect(first).toMatchObject({ status: 'ingested', version: 1 });
    expect(await ingestFile(db, file, versions)).toMatchObject({ status: 'unchanged' });
    writeFileSync(file, 'Tỉnh Điện Biên giải ngân 60.000 triệu đồng.\n');
    expect(await ingestFile(db, file, versions)).toMatchObject({ status: 'ingested', version: 2 });
    expect(storeCounts(db)).toMatchObject({ sources: 1, documents: 2 });
    const latest = db.prepare('SELECT version, text FROM latest_documents').all();
    expect(latest).toEqual([{ version: 2, text: 'Tỉnh Điện Biên giải ngân 60.000 triệu đồng.\n' }]);
  });

  it('lets the WAL grow between checkpoints while it ingests, and puts the connection back as it was', async () => {
    const files = [1, 2, 3].map((i) => join(dir, `r${i}.txt`));
    files.forEach((f, i) => writeFileSync(f, `Tỉnh Điện Biên giải ngân ${i + 1}.000 triệu đồng.\n`));
    db.pragma('wal_autocheckpoint = 500');
    const during: unknown[] = [];
    const outcomes = await ingestFiles(db, files, { versions, onOutcome: () => during.push(db.pragma('wal_autocheckpoint', { simple: true })) });
    expect(outcomes.map((o) => o.status)).toEqual(['ingested', 'ingested', 'ingested']);
    expect(during).toEqual([20_000, 20_000, 20_000]);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(500);
  });

  it('fails one bad file with a reason and stores nothing for it', async () => {
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    expect(await ingestFile(db, empty, versions)).toEqual({ file: empty, status: 'failed', reason: 'file is empty (0 bytes)' });
    expect(await ingestFile(db, join(dir, 'missing.txt'), versions)).toMatchObject({ status: 'failed', reason: 'no such file' });
    expect(storeCounts(db).documents).toBe(0);
  });

  it('walks folders for document files only, keeping named files and missing paths', () => {
    writeFileSync(join(dir, 'a.txt'), 'x');
    writeFileSync(join(dir, 'b.json'), '{}');
    writeFileSync(join(dir, 'c.HTML'), 'x');
    writeFileSync(join(dir, 'd.md'), '# x');
    const { inputs, skipped } = listInputs([dir, join(dir, 'b.json'), join(dir, 'nope.pdf')]);
    expect(inputs).toEqual([join(dir, 'a.txt'), join(dir, 'c.HTML'), join(dir, 'b.json'), join(dir, 'nope.pdf')]);
    // b.json is named, so only the Markdown file (and the test database) is reported as skipped.
    expect(skipped.map((s) => s.path)).toContain(join(dir, 'd.md'));
    expect(skipped.map((s) => s.path)).not.toContain(join(dir, 'b.json'));
  });
});
