// Each site profile in patterns/sites.json against its saved pages, served by a real HTTP server on
// 127.0.0.1: the start page (listing, feed or sitemap) yields the article links by the profile's
// rules and no menu links; the article's text is read by the profile's selectors without the
// boxes it skips; the date comes from the page or the profile's date selector.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../src/store/db.ts';
import { crawlRun } from '../src/crawl/crawler.ts';
import { loadSites, type SiteProfile } from '../src/crawl/sites.ts';
import { articlePage, html, startServer, status, xml, type FixtureServer } from './http-fixture.ts';

const REPO = join(import.meta.dirname, '..');

interface Expect {
  host: string;
  /** Article paths the start page must yield, in order; the first is the saved article page. */
  articles: string[];
  body: string;
  furniture: string;
  published: string;
  /** Other pages the start page links to by the profile (next listing pages). */
  more?: string[];
}

const EXPECT: Expect[] = [
  {
    host: 'baodienbienphu.info.vn',
    articles: ['/tin-tuc/kinh-te/221345/muong-nhe-day-nhanh-giai-ngan-von-chuong-trinh-1719', '/tin-tuc/kinh-te/221298/tuan-giao-giai-ngan-von-nong-thon-moi'],
    body: 'huyện Mường Nhé đã giải ngân 48.612 triệu đồng',
    furniture: 'Tuần Giáo giải ngân 22.400',
    published: '2024-06-13',
    more: ['/tin-tuc/kinh-te?page=2'],
  },
  {
    host: 'baolaichau.vn',
    articles: ['/kinh-te/ket-qua-thuc-hien-chuong-trinh-muc-tieu-quoc-gia-giam-ngheo-ben-vung-nam-2023-tren-dia-ban-tinh-lai-chau-43210', '/kinh-te/phong-tho-giai-ngan-von-nong-thon-moi-43188'],
    body: 'toàn tỉnh đã giải ngân 298.764 triệu đồng',
    furniture: 'lượt thích',
    published: '2024-01-16',
  },
  {
    host: 'baohagiang.vn',
    articles: ['/xa-hoi/202405/ha-giang-hon-1200-ho-ngheo-duoc-ho-tro-nha-o-7c53f2a/', '/xa-hoi/202405/bac-me-nang-cao-hieu-qua-von-vay-ho-ngheo-7c1e90b/'],
    body: 'toàn tỉnh đã khởi công 1.236 nhà',
    furniture: 'Đồng Văn huy động',
    published: '2024-05-20',
  },
  {
    host: 'baosonla.vn',
    articles: ['/kinh-te/son-la-giai-ngan-von-nong-thon-moi-dat-42-YnC7kX5Ig.html', '/xa-hoi/thuan-chau-ho-tro-sinh-ke-cho-ho-ngheo-Hb2kL9qPz.html'],
    body: 'Sơn La đã giải ngân 184.260 triệu đồng',
    furniture: 'Mộc Châu có thêm',
    published: '2024-07-08',
  },
  {
    host: 'baokontum.com.vn',
    articles: ['/kinh-te/kon-plong-hoan-thanh-85-ke-hoach-von-chuong-trinh-1719-20240815.html', '/kinh-te/dak-ha-day-nhanh-giai-ngan-von-giam-ngheo-20240812.html'],
    body: 'huyện đã giải ngân 57.745 triệu đồng',
    furniture: 'Đăk Hà giải ngân 19.200',
    published: '2024-08-15',
    more: ['/kinh-te?trang=2'],
  },
  {
    host: 'baogialai.com.vn',
    articles: ['/gia-lai-hon-2100-ty-dong-cho-3-chuong-trinh-muc-tieu-quoc-gia-post281234.html', '/chu-prong-giai-ngan-von-nong-thon-moi-post281190.html'],
    body: 'toàn tỉnh đã giải ngân 1.027 tỷ đồng',
    furniture: 'Đặt quảng cáo',
    published: '2024-09-03',
  },
  {
    host: 'baoquangnam.vn',
    articles: ['/nam-tra-my-huy-dong-nguon-luc-giam-ngheo-ben-vung-3140567.html', '/tay-giang-giai-ngan-von-chuong-trinh-1719-3140512.html'],
    body: 'huyện giải ngân 58.210 triệu đồng',
    furniture: 'Đường vào thôn 2',
    published: '2024-10-22',
  },
  {
    host: 'baosoctrang.org.vn',
    articles: ['/kinh-te/202411/tran-de-ho-tro-sinh-ke-cho-dong-bao-khmer-1a2b3c4/', '/kinh-te/202411/my-xuyen-nang-chat-luong-tieu-chi-nong-thon-moi-1a2b2f9/'],
    body: 'hỗ trợ 312 hộ đồng bào Khmer',
    furniture: 'lượt bình chọn',
    published: '2024-11-04',
  },
];

const sites = loadSites();
const servers = new Map<string, FixtureServer>();
let db: Db;
let local: SiteProfile[];

beforeAll(async () => {
  local = [];
  for (const e of EXPECT) {
    const profile = sites.find((s) => s.host === e.host)!;
    const s = await startServer({ '/robots.txt': status(404) });
    const toLocal = (t: string) => t.replaceAll(`https://${e.host}`, s.origin);
    const start = new URL(profile.start[0]).pathname;
    const startBody = toLocal(readFileSync(join(REPO, profile.listingExample!), 'utf8'));
    s.routes.set(start, start.endsWith('.xml') || startBody.startsWith('<?xml') ? xml(startBody) : html(startBody));
    s.routes.set(e.articles[0], html(readFileSync(join(REPO, profile.example!), 'utf8')));
    for (const [i, p] of e.articles.slice(1).entries()) s.routes.set(p, html(articlePage(`Bài ${i} của ${e.host}`, e.published, `Huyện đã giải ngân ${i + 1}.500 triệu đồng vốn chương trình.`)));
    for (const p of e.more ?? []) s.routes.set(p, html('<html><body><p>Trang cuối</p></body></html>'));
    servers.set(e.host, s);
    local.push({ ...profile, host: s.host, start: profile.start.map(toLocal) });
  }
  db = openDb(join(mkdtempSync(join(tmpdir(), 'solieu-sites-')), 'sites.sqlite'));
  const r = await crawlRun(db, {
    sites: local, starts: [], allowPrivate: true, userAgent: 'solieu/0.1 (+kiemtra@example.org)', since: null,
    budget: 200, delayMs: 0, timeoutMs: 5000, revisitMs: 86_400_000, retries: 1, maxWaitMs: 5000, log: () => {},
  });
  expect(r.ok && r.summary.failed).toBe(0);
}, 300_000);

afterAll(async () => {
  db?.close();
  for (const s of servers.values()) await s.close();
});

describe('site profiles on their saved pages', { timeout: 180_000 }, () => {
  it('covers at least 8 provincial sites, each with a saved article and start page', () => {
    expect(new Set(sites.map((s) => s.province)).size).toBeGreaterThanOrEqual(8);
    for (const s of sites) expect([s.host, s.start.length > 0, s.articleLinks.length > 0, Boolean(s.example && s.listingExample)]).toEqual([s.host, true, true, true]);
  });

  for (const e of EXPECT) {
    it(`${e.host}: start page -> article links -> article text and date`, () => {
      const s = servers.get(e.host)!;
      const fetched = s.hits.map((h) => h.path).filter((p) => p !== '/robots.txt');
      const start = new URL(local.find((p) => p.host === s.host)!.start[0]).pathname;
      expect(fetched.sort()).toEqual([start, ...e.articles, ...(e.more ?? [])].sort());
      const doc = db
        .prepare('SELECT d.id, d.text, d.published FROM documents d JOIN sources s ON s.id = d.source_id WHERE s.uri = ?')
        .get(s.origin + e.articles[0]) as { id: number; text: string; published: string } | undefined;
      expect(doc, 'stored').toBeDefined();
      expect(doc!.text).toContain(e.body);
      expect(doc!.text).not.toContain(e.furniture);
      expect(doc!.published).toBe(e.published);
      const figures = db.prepare('SELECT count(*) AS n FROM figures WHERE document_id = ?').get(doc!.id) as { n: number };
      expect(figures.n).toBeGreaterThanOrEqual(2);
    });
  }
});
