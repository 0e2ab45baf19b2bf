// The page in a real browser (Debian's chromium through playwright-core) over the seeds and one
// hostile document: search, a facet, a passage, a claim, the CSV download against `solieu query`,
// and document text that tries to run script staying inert. Screenshots go to test-screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { openDb } from '../src/store/db.ts';
import { ingestFile } from '../src/store/ingest.ts';
import { auditStore } from '../src/store/findings.ts';

const SEEDS = resolve('../shared/seeds');
const SHOTS = resolve('test-screenshots');
const HOSTILE =
  'Tỉnh Lai Châu giải ngân 123 tỷ đồng vốn Chương trình MTQG 1719 <script>alert(1)</script> năm 2024 <img src=x onerror=alert(2)> "><svg onload=alert(3)>.\n';

let dir: string;
let dbPath: string;
let server: ChildProcess;
let base: string;
let context: BrowserContext;
let page: Page;
const dialogs: string[] = [];
let withFinding: { source: string; version: number; fid: string; text: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'solieu-web-'));
  dbPath = join(dir, 'store.sqlite');
  const hostile = join(dir, 'hostile <b onmouseover=alert(4)>.txt');
  writeFileSync(hostile, HOSTILE);
  const db = openDb(dbPath);
  for (const f of [...readdirSync(SEEDS).sort().map((f) => join(SEEDS, f)), hostile]) expect((await ingestFile(db, f)).status).toBe('ingested');
  auditStore(db);
  withFinding = db
    .prepare(
      `SELECT s.uri AS source, d.version, f.fid, f.text FROM findings n JOIN finding_figures ff ON ff.finding_id = n.id
       JOIN figures f ON f.id = ff.figure_id JOIN documents d ON d.id = f.document_id JOIN sources s ON s.id = d.source_id
       WHERE n.rule = 'subprojects' ORDER BY f.id LIMIT 1`,
    )
    .get() as typeof withFinding;
  db.close();
  server = spawn(process.execPath, ['bin/solieu.js', 'serve', '--db', dbPath, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise<string>((ok, fail) => {
    let out = '';
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) ok(m[1]);
    });
    server.once('exit', (code) => fail(new Error(`solieu serve exited with ${code}`)));
  });
  mkdirSync(SHOTS, { recursive: true });
  context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
});

afterAll(async () => {
  await context?.close();
  server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
/** Text of all the elements matched, joined (a search word inside a mark splits it in pieces). */
const joined = (selector: string) => page.$$eval(selector, (els) => els.map((e) => e.textContent).join(''));
const cells = (col: number) => page.$$eval(`table.figures tbody tr td:nth-child(${col})`, (tds) => tds.map((td) => td.textContent?.trim() ?? ''));

describe('the page in chromium', () => {
  it('serves the first screen with a strict content security policy and no outside resources', async () => {
    const res = await page.goto(base);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.locator('input[name=q]').count()).resolves.toBe(1);
    await expect(page.locator('form.claim textarea').count()).resolves.toBe(1);
    const external = await page.$$eval('script[src], link[href]', (els) => els.map((e) => e.getAttribute('src') ?? e.getAttribute('href') ?? '').filter((u) => !u.startsWith('/')));
    expect(external).toEqual([]);
    expect(await page.locator('svg.chart rect.disbursed').count()).toBeGreaterThan(0);
    await shot('home');
  });

  it('searches without diacritics and marks the words found', async () => {
    await page.goto(base);
    await page.fill('input[name=q]', 'dien bien giai ngan');
    await Promise.all([page.waitForURL(/q=dien/), page.click('form.search button[type=submit]')]);
    const terms = await page.$$eval('mark.term', (ms) => ms.map((m) => m.textContent));
    expect(terms).toContain('Điện');
    expect(terms).toContain('giải');
    expect(await page.locator('table.figures tbody tr').count()).toBeGreaterThan(0);
    await shot('search');
  });

  it('narrows by a facet (programme), applied on change', async () => {
    await page.goto(`${base}?province=${encodeURIComponent('Điện Biên')}`);
    await Promise.all([page.waitForURL(/program=gnbv/), page.selectOption('select[name=program]', 'gnbv')]);
    const programmes = await cells(4);
    expect(programmes.length).toBeGreaterThan(0);
    expect(new Set(programmes)).toEqual(new Set(['gnbv']));
    expect(new Set((await cells(6)).map((p) => p.includes('Điện Biên')))).toEqual(new Set([true]));
    // Sorting by value, largest first.
    await page.click('th a:text("value")');
    await page.click('th a:text("value")');
    expect(page.url()).toContain('dir=desc');
    await shot('facet-sorted');
  });

  it('opens a passage with the cited span marked, its locator, linked figures and findings', async () => {
    await page.goto(`${base}?q=${encodeURIComponent('275.332')}`);
    await Promise.all([page.waitForURL(/\/passage\?/), page.click('table.figures a.open >> nth=0')]);
    expect(await joined('#passage-text mark.figure')).toBe('275.332 triệu đồng');
    expect(await joined('#passage-text mark.term')).toBe('275332');
    expect(await joined('#passage-text mark.sentence')).toContain('Kết quả đến 31/5/2024');
    expect(await page.textContent('#locator')).toMatch(/characters \d+–\d+/);
    expect(await page.textContent('ul.linked')).toContain('16,61%');
    expect(await page.locator('a[rel=next]').count()).toBe(1);
    await shot('passage');
    // A figure with an audit finding shows it.
    // A figure with an audit finding shows it (seed 004: a project's disbursement vs its sub-projects).
    const w = withFinding;
    await page.goto(`${base}passage?source=${encodeURIComponent(w.source)}&version=${w.version}&fig=${w.fid}`);
    expect(await page.textContent('#passage-text mark.figure')).toBe(w.text);
    expect(await page.textContent('ul.findings')).toContain('[subprojects]');
  });

  it('checks a claim typed without diacritics and goes to the cited passage in one click', async () => {
    await page.goto(base);
    await page.fill('form.claim textarea', 'Dien Bien da giai ngan hon 275 ty dong von 1719');
    await Promise.all([page.waitForURL(/\/check\?/), page.click('form.claim button')]);
    expect(await page.getAttribute('#check-result', 'data-verdict')).toBe('supported');
    expect(await page.textContent('.citation.supports >> nth=0')).toContain('275.332 triệu đồng');
    await shot('claim');
    await Promise.all([page.waitForURL(/\/passage\?/), page.click('.citation.supports a.open >> nth=0')]);
    expect(await joined('#passage-text mark.figure')).toBe('275.332 triệu đồng');
    await page.goto(`${base}check?claim=${encodeURIComponent('Năm 2023, tỉnh Điện Biên giải ngân 1.200 tỷ đồng vốn Chương trình MTQG 1719')}`);
    expect(await page.getAttribute('#check-result', 'data-verdict')).toBe('contradicted');
  });

  it('downloads as CSV exactly the rows shown, the same bytes as `solieu query --format csv`', async () => {
    await page.goto(`${base}?province=${encodeURIComponent('Điện Biên')}&program=dtts&size=25&page=2`);
    const shown = await cells(1);
    expect(shown.length).toBe(25);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines.length).toBe(26);
    const all = spawnSync(process.execPath, ['bin/solieu.js', 'query', '--province', 'Điện Biên', '--program', 'dtts', '--format', 'csv', '--limit', '50', '--db', dbPath], { encoding: 'utf8' });
    expect(all.status).toBe(0);
    const expected = all.stdout.split('\r\n');
    expect(csv).toBe([expected[0], ...expected.slice(26, 51)].join('\r\n') + '\r\n');
  });

  it('renders a hostile document inert: its tags are shown as text, nothing runs', async () => {
    await page.goto(`${base}?q=${encodeURIComponent('Lai Chau')}`);
    const quote = await page.textContent('table.figures td.quote');
    expect(quote).toContain('<script>alert(1)</script>');
    expect(quote).toContain('<img src=x onerror=alert(2)>');
    expect(await page.locator('td.quote img, td.quote script, td.quote svg').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1); // our own app.js only
    await shot('hostile-list');
    await Promise.all([page.waitForURL(/\/passage\?/), page.click('table.figures a.open >> nth=0')]);
    expect(await page.textContent('#passage-text')).toContain('<svg onload=alert(3)>');
    expect(await page.locator('#passage-text img, #passage-text svg, #passage-text script').count()).toBe(0);
    expect(await page.textContent('dl.meta')).toContain('hostile <b onmouseover=alert(4)>.txt');
    await page.goto(`${base}check?claim=${encodeURIComponent('Lai Châu giải ngân 123 tỷ đồng vốn Chương trình MTQG 1719 năm 2024')}`);
    expect(await page.getAttribute('#check-result', 'data-verdict')).toBe('supported');
    expect(await page.locator('.citation img, .citation script').count()).toBe(0);
    await shot('hostile-passage');
    expect(dialogs).toEqual([]);
  });

  it('refuses bad parameters with a 400 and one line', async () => {
    for (const q of ['?page=0', '?size=7', '?program=xyz', '?year=twenty', '?sort=drop', '?bogus=1', '?q=a&q=b']) {
      const res = await page.goto(base + q);
      expect(res?.status(), q).toBe(400);
      expect(await page.textContent('p.error'), q).toMatch(/^bad request: /);
    }
  });

  it('answers only GET for its own host name (no writes, no DNS rebinding)', async () => {
    const ask = (method: string, host: string) =>
      new Promise<number>((ok, fail) => {
        const u = new URL(base);
        const req = request({ host: u.hostname, port: u.port, path: '/', method, headers: { Host: host } }, (res) => {
          res.resume();
          ok(res.statusCode ?? 0);
        });
        req.once('error', fail);
        req.end();
      });
    const own = new URL(base).host;
    expect(await ask('GET', own)).toBe(200);
    expect(await ask('POST', own)).toBe(405);
    expect(await ask('GET', 'attacker.example')).toBe(421);
  });
});
