// The store under real processes: a killed ingest, a reader during an ingest, the CLI's exit codes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDb } from '../src/store/db.ts';
import { queryFigures } from '../src/store/query.ts';
import { parseExport } from '../src/store/export.ts';

const SOLIEU = resolve('bin/solieu.js');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'solieu-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const DISTRICTS = ['Mường Nhé', 'Nậm Pồ', 'Tủa Chùa', 'Điện Biên Đông', 'Tuần Giáo'];
function writeCorpus(folder: string, n: number): void {
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < n; i++) {
    const d = DISTRICTS[i % DISTRICTS.length];
    const body =
      `Huyện ${d}, tỉnh Điện Biên: kế hoạch vốn giao là ${1000 + i}.${String(i % 1000).padStart(3, '0')} triệu đồng; ` +
      `giải ngân đến 30/6/2024 là ${500 + i} triệu đồng, đạt ${(i % 90) + 1},5% kế hoạch.\n`;
    writeFileSync(join(folder, `doc${String(i).padStart(5, '0')}.txt`), body.repeat(3));
  }
}

function run(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return spawnSync(process.execPath, [SOLIEU, ...args], { cwd: opts.cwd ?? dir, env: { ...process.env, ...opts.env }, encoding: 'utf8' });
}

const countDocs = (dbPath: string): number => {
  if (!existsSync(dbPath)) return 0;
  try {
    const db = openDb(dbPath, { readonly: true });
    try {
      return db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created or not migrated yet
  }
};

function assertConsistent(dbPath: string): void {
  const db = openDb(dbPath);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.prepare(`INSERT INTO citations_fts (citations_fts) VALUES ('integrity-check')`).run();
    // Every document is whole: its figures' citations belong to it.
    expect(db.prepare('SELECT count(*) FROM figures f JOIN citations c ON c.id = f.citation_id WHERE c.document_id <> f.document_id').pluck().get()).toBe(0);
  } finally {
    db.close();
  }
}

describe('an ingest killed midway', () => {
  it('leaves a consistent database, and a rerun completes', async () => {
    const corpus = join(dir, 'corpus');
    writeCorpus(corpus, 1500);
    const dbPath = join(dir, 'kill.sqlite');
    const child = spawn(process.execPath, [SOLIEU, 'ingest', corpus, '--db', dbPath, '--no-audit'], { stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r));
    while (countDocs(dbPath) < 20) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await exited;
    const atKill = countDocs(dbPath);
    expect(atKill).toBeGreaterThanOrEqual(20);
    expect(atKill).toBeLessThan(1500);
    assertConsistent(dbPath);
    const rerun = run(['ingest', corpus, '--db', dbPath, '--quiet']);
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toContain(`ingested ${1500 - atKill} `);
    expect(rerun.stdout).toContain(`unchanged ${atKill},`);
    expect(countDocs(dbPath)).toBe(1500);
    assertConsistent(dbPath);
  }, 120_000);
});

describe('a reader during an ingest', () => {
  it('queries without waiting or failing and sees committed documents only', async () => {
    const corpus = join(dir, 'corpus');
    writeCorpus(corpus, 800);
    const dbPath = join(dir, 'read.sqlite');
    const child = spawn(process.execPath, [SOLIEU, 'ingest', corpus, '--db', dbPath, '--no-audit', '--quiet'], { stdio: 'ignore' });
    let done = false;
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => ((done = true), r(code))));
    while (countDocs(dbPath) === 0 && !done) await new Promise((r) => setTimeout(r, 5));
    const seen: number[] = [];
    const reader = openDb(dbPath, { readonly: true });
    while (!done) {
      const started = performance.now();
      queryFigures(reader, { province: 'Dien Bien', text: 'giai ngan', limit: 20 });
      seen.push(reader.prepare('SELECT count(*) FROM documents').pluck().get() as number);
      expect(performance.now() - started).toBeLessThan(2000);
      await new Promise((r) => setTimeout(r, 5));
    }
    reader.close();
    expect(await exited).toBe(0);
    expect(seen.some((n) => n > 0 && n < 800)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  }, 120_000);
});

describe('the store commands', () => {
  it('ingest reports each failure, exits 1 only when something failed, and is idempotent', () => {
    const corpus = join(dir, 'corpus');
    writeCorpus(corpus, 2);
    writeFileSync(join(corpus, 'empty.txt'), '');
    writeFileSync(join(corpus, 'gold.json'), '{}');
    const first = run(['ingest', corpus]);
    expect(first.status).toBe(1);
    expect(first.stderr).toContain(`${join(corpus, 'empty.txt')}: file is empty (0 bytes)`);
    expect(first.stdout).toContain('ingested 2 ');
    expect(first.stdout).toContain('failed 1');
    expect(existsSync(join(dir, 'solieu.sqlite'))).toBe(true);
    rmSync(join(corpus, 'empty.txt'));
    const second = run(['ingest', corpus]);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('ingested 0 (0 figures), unchanged 2, failed 0');
    // No progress bar when stderr is not a terminal: only the skipped file, with its reason.
    expect(second.stderr).toBe(`${join(corpus, 'gold.json')}: skipped: not a document type solieu picks up from folders (.txt .docx .pdf .html .htm)\n`);
    expect(second.stdout).toContain('failed 0, skipped 1');
    expect(run(['ingest']).status).toBe(2);
    for (const cmd of ['ingest', 'query', 'audit', 'export', 'reextract']) {
      const bad = run([cmd, '--bogus']);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toBe(`solieu ${cmd}: unknown option '--bogus'\nusage: solieu ${cmd} ${cmd === 'ingest' ? '[options] <inputs...>' : cmd === 'query' ? '[options] [words...]' : '[options]'}  (more: solieu help ${cmd})\n`);
    }
  }, 60_000);

  it('query, audit and export read the database named by SOLIEU_DB', () => {
    const corpus = join(dir, 'corpus');
    writeCorpus(corpus, 3);
    const env = { SOLIEU_DB: join(dir, 'env.sqlite') };
    expect(run(['ingest', corpus, '--quiet'], { env }).status).toBe(0);
    expect(existsSync(join(dir, 'solieu.sqlite'))).toBe(false);

    const table = run(['query', '"Điện Biên AND (', '--province', 'Dien Bien'], { env });
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/\d+ figures?\n$/);
    const json = run(['query', '--format', 'json', '--limit', '5'], { env });
    expect(json.status).toBe(0);
    expect(Array.isArray(JSON.parse(json.stdout))).toBe(true);
    expect(run(['query', '--metric', 'spent'], { env }).status).toBe(2);
    const typo = run(['query', '--province', 'Dien Bein'], { env });
    expect(typo.stdout).toContain('0 figures');
    expect(typo.stderr).toContain("did you mean 'Điện Biên'?");

    const out = join(dir, 'all.jsonl');
    expect(run(['export', '--format', 'jsonl', '--out', out], { env }).status).toBe(0);
    const csv = run(['export', '--format', 'csv'], { env });
    expect(parseExport(csv.stdout, 'csv')).toEqual(parseExport(readFileSync(out, 'utf8'), 'jsonl'));

    const audit = run(['audit', '--json'], { env });
    expect(audit.status).toBe(0);
    expect(Array.isArray(JSON.parse(audit.stdout))).toBe(true);
    expect(run(['reextract'], { env }).stdout).toMatch(/reextracted 0 documents/);
  }, 60_000);
});
