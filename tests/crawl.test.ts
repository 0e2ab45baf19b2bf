// The crawler against real HTTP servers on 127.0.0.1 (in-process runs on real SQLite files):
// listings, RSS, Atom, sitemaps, robots.txt and Crawl-delay, failing pages, retries, changes,
// conditional GETs, --since and the run lock.
import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { openDb, type Db } from '../src/store/db.ts';
import { crawlRun, type CrawlOptions } from '../src/crawl/crawler.ts';
import { startRun, recentRuns } from '../src/crawl/runs.ts';
import type { RunSummary } from '../src/crawl/runs.ts';
import { articlePage, cutShort, endless, html, redirect, slow, startServer, status, text, xml, type FixtureServer } from './http-fixture.ts';

const servers: FixtureServer[] = [];
const dbs: Db[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const d of dbs.splice(0)) d.close();
});

async function server(routes: Parameters<typeof startServer>[0], address?: string): Promise<FixtureServer> {
  const s = await startServer(routes, address);
  servers.push(s);
  return s;
}

function freshDb(): Db {
  const db = openDb(join(mkdtempSync(join(tmpdir(), 'solieu-crawl-')), 'crawl.sqlite'));
  dbs.push(db);
  return db;
}

const CONTACT = 'kiemtra@example.org';
async function crawl(db: Db, starts: string[], more: Partial<CrawlOptions> = {}): Promise<RunSummary> {
  const r = await crawlRun(db, {
    sites: [],
    starts,
    allowPrivate: true,
    userAgent: `solieu/0.1 (+${CONTACT})`,
    since: null,
    budget: 500,
    delayMs: 5,
    timeoutMs: 2000,
    revisitMs: 3 * 86_400_000,
    retries: 2,
    maxWaitMs: 10_000,
    log: () => {},
    ...more,
  });
  if (!r.ok) throw new Error('lock held');
  return r.summary;
}

const sentence = (n: number) => `Đến ngày 30/6/2024, huyện ${n} đã giải ngân ${n}.250 triệu đồng vốn Chương trình mục tiêu quốc gia giảm nghèo bền vững, đạt ${40 + n}% kế hoạch.`;
const article = (n: number, published = '2024-07-02') => html(articlePage(`Giải ngân vốn giảm nghèo bền vững tại huyện ${n}`, published, sentence(n)));
const stored = (db: Db) => db.prepare('SELECT s.uri, d.version, d.latest, d.text FROM documents d JOIN sources s ON s.id = d.source_id ORDER BY s.uri, d.version').all() as { uri: string; version: number; latest: number; text: string }[];
const state = (db: Db, url: string) => db.prepare('SELECT state, last_error FROM crawl_frontier WHERE url = ?').get(url) as { state: string; last_error: string | null };

describe('solieu crawl (in-process)', { timeout: 180_000 }, () => {
  it('reads a listing, an RSS feed, an Atom feed and a sitemap index, and stores each article once', async () => {
    const s = await server({});
    const o = s.origin;
    s.routes.set('/robots.txt', text(`User-agent: *\nAllow: /\nSitemap: ${o}/sitemap.xml\n`));
    s.routes.set('/kinh-te', html(`<html><body><nav><a href="/">Trang chủ</a><a href="/kinh-te">Kinh tế</a><a href="/lien-he">Liên hệ</a></nav>
      <ul><li><a href="/kinh-te/giai-ngan-von-giam-ngheo-huyen-1-20240702.html">Bài 1</a></li>
      <li><a href="${o}/kinh-te/giai-ngan-von-giam-ngheo-huyen-2-20240702.html?utm_source=fb#top">Bài 2</a></li>
      <li><a href="/kinh-te/giai-ngan-von-giam-ngheo-huyen-1-20240702.html">Bài 1 lần nữa</a></li></ul></body></html>`));
    s.routes.set('/rss.xml', xml(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin</title>
      <item><title>Bài 3</title><link>${o}/tin/bai-3-123456.html</link><pubDate>Tue, 02 Jul 2024 08:00:00 +0700</pubDate></item>
      <item><title>Bài 1</title><link>${o}/kinh-te/giai-ngan-von-giam-ngheo-huyen-1-20240702.html</link></item></channel></rss>`));
    s.routes.set('/atom.xml', xml(`<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Tin</title>
      <entry><title>Bài 4</title><link rel="alternate" href="${o}/tin/bai-4-123457.html"/><updated>2024-07-02T08:00:00+07:00</updated></entry></feed>`));
    s.routes.set('/sitemap.xml', xml(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${o}/sitemap-1.xml</loc></sitemap></sitemapindex>`));
    s.routes.set('/sitemap-1.xml', xml(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${o}/tin/bai-5-123458.html</loc><lastmod>2024-07-02</lastmod></url></urlset>`));
    const paths = ['/kinh-te/giai-ngan-von-giam-ngheo-huyen-1-20240702.html', '/kinh-te/giai-ngan-von-giam-ngheo-huyen-2-20240702.html', '/tin/bai-3-123456.html', '/tin/bai-4-123457.html', '/tin/bai-5-123458.html'];
    paths.forEach((p, i) => s.routes.set(p, article(i + 1)));
    s.routes.set('/kinh-te/giai-ngan-von-giam-ngheo-huyen-2-20240702.html?utm_source=fb', article(2));
    const db = freshDb();
    const summary = await crawl(db, [`${o}/kinh-te`, `${o}/rss.xml`, `${o}/atom.xml`, `${o}/sitemap.xml`]);
    expect(summary).toMatchObject({ new: 5, changed: 0, failed: 0, skippedRobots: 0 });
    expect(stored(db).map((d) => d.uri)).toEqual(paths.map((p) => o + p).sort());
    expect(s.hitsOf('/lien-he')).toHaveLength(0);
    for (const p of paths) expect(s.hits.filter((h) => h.path.startsWith(p)), p).toHaveLength(1);
    expect(s.hitsOf('/robots.txt')).toHaveLength(1);
    for (const h of s.hits) expect(h.headers['user-agent']).toBe(`solieu/0.1 (+${CONTACT})`);
    const figures = db.prepare('SELECT count(*) AS n FROM figures').get() as { n: number };
    expect(figures.n).toBeGreaterThanOrEqual(10);
  });

  it('obeys robots.txt for its own group and waits the Crawl-delay between requests', async () => {
    const s = await server({
      '/robots.txt': text('User-agent: *\nDisallow: /\n\nUser-agent: solieu\nDisallow: /cam/\nCrawl-delay: 1\n'),
      '/tin': html('<a href="/cam/bai-bi-cam-123456.html">x</a><a href="/tin/bai-1-123456.html">1</a><a href="/tin/bai-2-123457.html">2</a>'),
      '/tin/bai-1-123456.html': article(1),
      '/tin/bai-2-123457.html': article(2),
    });
    const db = freshDb();
    const summary = await crawl(db, [`${s.origin}/tin`]);
    expect(summary).toMatchObject({ new: 2, skippedRobots: 1 });
    expect(s.hitsOf('/cam/bai-bi-cam-123456.html')).toHaveLength(0);
    expect(state(db, `${s.origin}/cam/bai-bi-cam-123456.html`).state).toBe('robots');
    const times = s.hits.map((h) => h.at);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1], `gap before ${s.hits[i].path}`).toBeGreaterThanOrEqual(990);
  });

  it('goes on past 404, 500, a slow page, an endless body, a cut body, a redirect loop and a redirect to a private address; retries a 429 after its Retry-After', async () => {
    const hidden = await server({ '/noi-bo': html('<p>nội bộ</p>') }, '127.0.0.2');
    const s = await server({
      '/robots.txt': status(404),
      '/tin/khong-co-100001.html': status(404),
      '/tin/loi-may-chu-100002.html': status(500),
      '/tin/cham-100003.html': slow,
      '/tin/vo-tan-100004.html': endless,
      '/tin/cat-ngang-100005.html': cutShort,
      '/tin/vong-a-100006.html': redirect('/tin/vong-b-100007.html'),
      '/tin/vong-b-100007.html': redirect('/tin/vong-a-100006.html'),
      '/tin/noi-bo-100008.html': redirect(`${hidden.origin}/noi-bo`),
      '/tin/qua-tai-100009.html': (_req, res, hit) => (hit === 1 ? void res.writeHead(429, { 'retry-after': '1' }).end() : article(9)(_req, res, hit)),
      '/tin/tot-100010.html': article(10),
    });
    const paths = ['khong-co-100001', 'loi-may-chu-100002', 'cham-100003', 'vo-tan-100004', 'cat-ngang-100005', 'vong-a-100006', 'noi-bo-100008', 'qua-tai-100009', 'tot-100010'];
    s.routes.set('/tin', html(paths.map((p) => `<a href="/tin/${p}.html">${p}</a>`).join('\n')));
    const db = freshDb();
    const summary = await crawl(db, [`${s.origin}/tin`], { timeoutMs: 400, maxBytes: 1 << 20, retries: 1, allowPrivate: (a) => a === '127.0.0.1' });
    expect(stored(db).map((d) => d.uri)).toEqual([`${s.origin}/tin/qua-tai-100009.html`, `${s.origin}/tin/tot-100010.html`]);
    expect(summary).toMatchObject({ new: 2, failed: 7 });
    const reason = (p: string) => summary.failures.find((f) => f.url.includes(p))?.reason;
    expect(reason('khong-co')).toBe('HTTP 404 Not Found');
    expect(reason('loi-may-chu')).toBe('HTTP 500 Internal Server Error (after 2 attempts)');
    expect(s.hitsOf('/tin/loi-may-chu-100002.html')).toHaveLength(2);
    expect(reason('cham')).toMatch(/body stalled/);
    expect(reason('vo-tan')).toMatch(/over the \d+-byte limit/);
    expect(reason('cat-ngang')).toMatch(/cut short/);
    expect(reason('vong-a')).toMatch(/redirect loop/);
    expect(reason('noi-bo')).toMatch(/private address \(127\.0\.0\.2\)/);
    expect(hidden.hits).toHaveLength(0);
    const [first, second] = s.hitsOf('/tin/qua-tai-100009.html');
    expect(second.at - first.at).toBeGreaterThanOrEqual(990);
    expect(state(db, `${s.origin}/tin/khong-co-100001.html`).state).toBe('gone');
  });

  it('asks again with If-None-Match (304 keeps the copy), keeps a copy whose text did not change, and stores a changed article as a new version', async () => {
    let body = articlePage('Giải ngân vốn nông thôn mới', '2024-07-02', sentence(1));
    let etag = '"v1"';
    let counter = 0;
    const s = await server({
      '/tin': html('<a href="/tin/nong-thon-moi-200001.html">a</a><a href="/tin/dem-200002.html">b</a>'),
      '/tin/nong-thon-moi-200001.html': (req, res) => {
        if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag, 'last-modified': 'Tue, 02 Jul 2024 01:00:00 GMT' }).end(body);
      },
      // The same article each time, with a visitor counter that changes the bytes.
      '/tin/dem-200002.html': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage('Bài có bộ đếm', '2024-07-02', sentence(2)).replace('</body>', `<footer class="counter">${++counter} lượt xem</footer></body>`)),
    });
    const db = freshDb();
    const url = `${s.origin}/tin/nong-thon-moi-200001.html`;
    expect(await crawl(db, [`${s.origin}/tin`], { revisitMs: 0 })).toMatchObject({ new: 2 });
    expect(await crawl(db, [`${s.origin}/tin`], { revisitMs: 0 })).toMatchObject({ new: 0, changed: 0, notModified: 1, unchanged: 1 });
    expect(s.hitsOf('/tin/nong-thon-moi-200001.html')[1].headers).toMatchObject({ 'if-none-match': '"v1"', 'if-modified-since': 'Tue, 02 Jul 2024 01:00:00 GMT' });
    body = articlePage('Giải ngân vốn nông thôn mới', '2024-07-02', sentence(3));
    etag = '"v2"';
    expect(await crawl(db, [`${s.origin}/tin`], { revisitMs: 0 })).toMatchObject({ new: 0, changed: 1 });
    const versions = stored(db).filter((d) => d.uri === url);
    expect(versions.map((d) => [d.version, d.latest])).toEqual([[1, 0], [2, 1]]);
    expect(versions[1].text).toContain('3.250 triệu đồng');
    // The page restored to its first bytes: that version is current again, not the one it replaced.
    body = articlePage('Giải ngân vốn nông thôn mới', '2024-07-02', sentence(1));
    etag = '"v3"';
    expect(await crawl(db, [`${s.origin}/tin`], { revisitMs: 0 })).toMatchObject({ new: 0, changed: 0 });
    expect(stored(db).filter((d) => d.uri === url).map((d) => [d.version, d.latest])).toEqual([[1, 1], [2, 0]]);
    expect(stored(db).filter((d) => d.uri.endsWith('dem-200002.html'))).toHaveLength(1);
  });

  it('with --since, leaves older articles out: feed items by their date without a request, pages by their own date', async () => {
    const s = await server({
      '/rss.xml': xml(`<rss><channel>
        <item><link>http://HOST/tin/cu-300001.html</link><pubDate>Mon, 06 Mar 2023 08:00:00 +0700</pubDate></item>
        <item><link>http://HOST/tin/moi-300002.html</link><pubDate>Tue, 02 Jul 2024 08:00:00 +0700</pubDate></item>
        <item><link>http://HOST/tin/khong-ngay-300003.html</link></item></channel></rss>`),
      '/tin/cu-300001.html': article(1, '2023-03-06'),
      '/tin/moi-300002.html': article(2, '2024-07-02'),
      '/tin/khong-ngay-300003.html': article(3, '2023-12-30'),
    });
    s.routes.set('/rss.xml', xml(`<rss><channel>
        <item><link>${s.origin}/tin/cu-300001.html</link><pubDate>Mon, 06 Mar 2023 08:00:00 +0700</pubDate></item>
        <item><link>${s.origin}/tin/moi-300002.html</link><pubDate>Tue, 02 Jul 2024 08:00:00 +0700</pubDate></item>
        <item><link>${s.origin}/tin/khong-ngay-300003.html</link></item></channel></rss>`));
    const db = freshDb();
    const summary = await crawl(db, [`${s.origin}/rss.xml`], { since: '2024-01-01' });
    expect(summary).toMatchObject({ new: 1, skippedOld: 1 });
    expect(s.hitsOf('/tin/cu-300001.html')).toHaveLength(0);
    expect(stored(db).map((d) => d.uri)).toEqual([`${s.origin}/tin/moi-300002.html`]);
    expect(state(db, `${s.origin}/tin/khong-ngay-300003.html`).state).toBe('old');
  });

  it('without allowPrivate refuses the loopback test server before any request, as one failure', async () => {
    const s = await server({ '/tin': html('<a href="/tin/bai-1-123456.html">1</a>') });
    const db = freshDb();
    const summary = await crawl(db, [`${s.origin}/tin`], { allowPrivate: false });
    expect(summary).toMatchObject({ fetched: 0, failed: 1, skippedRobots: 0 });
    expect(summary.failures[0].reason).toMatch(/^127\.0\.0\.1 is a private address .*--allow-private/);
    expect(s.hits).toHaveLength(0);
  });

  it('keeps to its budget and leaves the rest for the next run', async () => {
    const s = await server({ '/tin': html([1, 2, 3, 4].map((n) => `<a href="/tin/bai-${n}-40000${n}.html">${n}</a>`).join('')) });
    for (const n of [1, 2, 3, 4]) s.routes.set(`/tin/bai-${n}-40000${n}.html`, article(n));
    const db = freshDb();
    // robots.txt, the listing and two articles.
    expect(await crawl(db, [`${s.origin}/tin`], { budget: 4 })).toMatchObject({ new: 2, budgetReached: true });
    expect(await crawl(db, [`${s.origin}/tin`], { budget: 10 })).toMatchObject({ new: 2, budgetReached: false });
    expect(stored(db)).toHaveLength(4);
  });

  it('never lets two runs overlap; a lock left by a dead process is taken over and its run marked interrupted', async () => {
    const db = freshDb();
    const first = startRun(db);
    expect(first.ok).toBe(true);
    const second = startRun(db);
    expect(second).toMatchObject({ ok: false, holder: { pid: process.pid } });
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    db.prepare('UPDATE crawl_lock SET pid = ?').run(Number(dead.stdout));
    expect(startRun(db).ok).toBe(true);
    expect(recentRuns(db, 5).map((r) => r.status)).toEqual(['running', 'interrupted']);
  });
});
