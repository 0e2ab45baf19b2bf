// `solieu crawl` as cron and systemd run it: the real bin/solieu.js against a fixture site on
// 127.0.0.1. The README's cron line twice in a row stores each article once; kill -9 mid-crawl
// then a new run resumes with nothing half-written; two runs never overlap; --every, --status,
// --log-json.
import { describe, it, expect, afterEach } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { articlePage, html, startServer, status, type FixtureServer, type Handler } from './http-fixture.ts';

const REPO = join(import.meta.dirname, '..');
const BIN = join(REPO, 'bin/solieu.js');
const servers: FixtureServer[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const s of servers.splice(0)) await s.close();
});

/** A news site of `n` articles on one listing; articles for which `held(i)` is true answer only once it is false. */
async function newsSite(n: number, held: (i: number) => boolean = () => false): Promise<{ site: FixtureServer; paths: string[] }> {
  const paths = Array.from({ length: n }, (_, i) => `/kinh-te/giai-ngan-von-huyen-${i + 1}-5000${i}.html`);
  const site = await startServer({ '/robots.txt': status(404), '/kinh-te': html(`<nav><a href="/">Trang chủ</a></nav>${paths.map((p) => `<a href="${p}">bài</a>`).join('')}`) });
  paths.forEach((p, i) => {
    const page = html(articlePage(`Giải ngân vốn huyện ${i + 1}`, '2024-07-02', `Đến ngày 30/6/2024, huyện ${i + 1} đã giải ngân ${i + 1}.250 triệu đồng vốn Chương trình mục tiêu quốc gia xây dựng nông thôn mới, đạt ${50 + i}% kế hoạch.`));
    const gated: Handler = (req, res, hit) => {
      const tryNow = () => (held(i) ? setTimeout(tryNow, 50) : page(req, res, hit));
      tryNow();
    };
    site.routes.set(p, gated);
  });
  servers.push(site);
  return { site, paths };
}

function sitesFile(dir: string, site: FixtureServer): string {
  const file = join(dir, 'sites.json');
  writeFileSync(file, JSON.stringify({ sites: [{ host: site.host, start: [`${site.origin}/kinh-te`], articleLinks: ['^/kinh-te/[a-z0-9-]+-\\d+\\.html$'], delayMs: 0 }] }));
  return file;
}

function solieu(args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: { ...process.env, ...env } });
  children.push(child);
  return child;
}

function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d));
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  return new Promise((ok) => child.on('close', (code) => ok({ code, stdout, stderr })));
}

const perUri = (dbPath: string) => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT s.uri, count(*) AS n FROM documents d JOIN sources s ON s.id = d.source_id GROUP BY s.uri ORDER BY s.uri').all() as { uri: string; n: number }[];
  } finally {
    db.close();
  }
};

describe('solieu crawl (the command)', { timeout: 180_000 }, () => {
  it("runs the README's cron line twice in a row: each article stored exactly once; --status shows both runs", async () => {
    const { site, paths } = await newsSite(3);
    const dir = mkdtempSync(join(tmpdir(), 'solieu-cron-'));
    const line = readFileSync(join(REPO, 'README.md'), 'utf8').split('\n').find((l) => /^(\S+\s+){5}cd \S+ && .*crawl --once/.test(l));
    expect(line, 'a cron line in the README').toBeDefined();
    const [, home, command] = /^(?:\S+\s+){5}cd (\S+) && (.*)$/.exec(line!)!;
    const dbPath = join(dir, 'solieu.sqlite');
    const run = command
      .replaceAll(`${home}/solieu.sqlite`, dbPath)
      .replaceAll(`${home}/crawl.jsonl`, join(dir, 'crawl.jsonl'))
      .replace(' >>', ` --sites ${sitesFile(dir, site)} --allow-private >>`);
    // Asynchronously: the fixture server answers from this process.
    for (let i = 0; i < 2; i++) {
      const cron = spawn('sh', ['-c', run], { cwd: REPO });
      children.push(cron);
      expect((await finished(cron)).code).toBe(0);
    }
    expect(perUri(dbPath)).toEqual(paths.map((p) => ({ uri: site.origin + p, n: 1 })).sort((a, b) => (a.uri < b.uri ? -1 : 1)));
    for (const p of paths) expect(site.hitsOf(p)).toHaveLength(1);
    const events = readFileSync(join(dir, 'crawl.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const ends = events.filter((e) => e.event === 'run-end');
    expect(ends.map((e) => [e.new, e.failed])).toEqual([[3, 0], [0, 0]]);
    expect(site.hits.every((h) => h.headers['user-agent'] === 'solieu/0.1 (+data@example.org)')).toBe(true);
    const st = await finished(solieu(['crawl', '--status', '--db', dbPath]));
    expect(st.code).toBe(0);
    expect(st.stdout).toMatch(/^run\s+started \(UTC\)\s+status\s+fetched\s+new\s+changed\s+unchanged\s+robots\s+failed/);
    expect(st.stdout.split('\n').filter((l) => /^\d+\s.*\sdone\s/.test(l))).toHaveLength(2);
    const json = JSON.parse((await finished(solieu(['crawl', '--status', '--json', '--db', dbPath]))).stdout);
    expect(json.runs.map((r: { summary: { new: number } }) => r.summary.new)).toEqual([0, 3]);
  });

  it('killed with SIGKILL mid-crawl, the next run resumes: nothing half-written, every article stored once; a second run meanwhile is refused', async () => {
    // Articles after the second wait until the first run has been killed.
    let killed = false;
    const { site, paths } = await newsSite(6, (i) => i >= 2 && !killed);
    const dir = mkdtempSync(join(tmpdir(), 'solieu-kill-'));
    const dbPath = join(dir, 'solieu.sqlite');
    const args = ['crawl', '--once', '--db', dbPath, '--allow-private', '--contact', 'kiemtra@example.org', '--delay', '0', '--log-json', `${site.origin}/kinh-te`];
    const first = solieu(args);
    const done = finished(first);
    let stored = 0;
    await new Promise<void>((ok) =>
      first.stdout!.on('data', (d: Buffer) => {
        stored += d.toString().split('\n').filter((l) => l.includes('"event":"article"')).length;
        if (stored >= 2) ok();
      }),
    );
    const overlap = await finished(solieu(args));
    expect(overlap.code).toBe(3);
    expect(overlap.stderr.trim().split('\n')).toHaveLength(1);
    expect(overlap.stderr).toMatch(new RegExp(`another crawl \\(pid ${first.pid}, since .*\\) is running`));
    first.kill('SIGKILL');
    expect((await done).code).toBe(null);
    killed = true;

    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const docs = db.prepare('SELECT d.id, s.uri, (SELECT count(*) FROM figures f WHERE f.document_id = d.id) AS figures FROM documents d JOIN sources s ON s.id = d.source_id').all() as { id: number; uri: string; figures: number }[];
    const doneRows = db.prepare(`SELECT url, document_id FROM crawl_frontier WHERE kind = 'article' AND state = 'done'`).all() as { url: string; document_id: number }[];
    db.close();
    expect(docs.length).toBe(2);
    // Every stored article has its frontier row marked done, and the other way round.
    expect(doneRows.map((r) => r.document_id).sort()).toEqual(docs.map((d) => d.id).sort());
    for (const d of docs) expect(d.figures).toBeGreaterThan(0);

    const second = await finished(solieu(args));
    expect(second.code).toBe(0);
    expect(perUri(dbPath).map((r) => r.n)).toEqual([1, 1, 1, 1, 1, 1]);
    // Articles stored before the kill were not fetched again; only the one in flight (if sent) was.
    const hits = paths.map((p) => site.hitsOf(p).length);
    expect([...hits.slice(0, 2), ...hits.slice(3)]).toEqual([1, 1, 1, 1, 1]);
    expect(hits[2]).toBeLessThanOrEqual(2);
    const st = (await finished(solieu(['crawl', '--status', '--json', '--db', dbPath]))).stdout;
    expect(JSON.parse(st).runs.map((r: { status: string }) => r.status)).toEqual(['done', 'interrupted']);
  });

  it('--every runs again after the interval until stopped; a bad option is one usage line', async () => {
    const { site } = await newsSite(2);
    const dir = mkdtempSync(join(tmpdir(), 'solieu-every-'));
    const dbPath = join(dir, 'solieu.sqlite');
    const child = solieu(['crawl', '--every', '1s', '--db', dbPath, '--allow-private', '--delay', '0', '--log-json', `${site.origin}/kinh-te`], { SOLIEU_CONTACT: 'kiemtra@example.org' });
    const out = finished(child);
    let ends = 0;
    await new Promise<void>((ok) =>
      child.stdout!.on('data', (d: Buffer) => {
        ends += d.toString().split('\n').filter((l) => l.includes('"event":"run-end"')).length;
        if (ends >= 2) ok();
      }),
    );
    child.kill('SIGTERM');
    expect((await out).code).toBe(0);
    expect(perUri(dbPath).map((r) => r.n)).toEqual([1, 1]);
    expect(site.hitsOf('/kinh-te').length).toBeGreaterThanOrEqual(2);
    const noContact = await finished(solieu(['crawl', '--once', '--db', dbPath], { SOLIEU_CONTACT: '' }));
    expect(noContact.code).toBe(2);
    expect(noContact.stderr.split('\n')[0]).toMatch(/say who runs this crawl/);
  });
});
