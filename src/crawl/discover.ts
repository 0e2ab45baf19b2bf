// What a start page points to: RSS and Atom items, sitemap entries (and nested sitemaps), or a
// listing's article links by the site's rules and its next page. Pure: bytes in, links out.
import * as cheerio from 'cheerio';
import { decodeHtml } from '../parsers/html.ts';
import { isoDate } from '../parsers/html-meta.ts';
import { canonicalUrl } from './canonical.ts';
import type { SiteProfile } from './sites.ts';

export type HubKind = 'feed' | 'sitemap' | 'listing';

export interface Found {
  url: string;
  /** 'article' to ingest, or a hub to read for more links. */
  kind: 'article' | HubKind;
  /** Publication or last-change date the hub gives (YYYY-MM-DD), if any. */
  date: string | null;
}

export interface Discovery {
  kind: HubKind;
  links: Found[];
}

/** Which kind of hub the bytes are: XML feeds and sitemaps by their root element, else a listing. */
export function hubKind(text: string): HubKind {
  const head = text.slice(0, 2048).replace(/<\?xml[^>]*\?>|<!--[\s\S]*?-->/g, '').trimStart();
  if (/^<(rss|feed|rdf:RDF)[\s>]/i.test(head)) return 'feed';
  if (/^<(urlset|sitemapindex)[\s>]/i.test(head)) return 'sitemap';
  return 'listing';
}

export function discover(bytes: Uint8Array, pageUrl: string, profile: SiteProfile): Discovery {
  const text = decodeHtml(bytes);
  const kind = hubKind(text);
  const links = kind === 'feed' ? feedLinks(text, pageUrl) : kind === 'sitemap' ? sitemapLinks(text, pageUrl) : listingLinks(text, pageUrl, profile);
  const seen = new Set<string>();
  return { kind, links: links.filter((l) => l.url !== canonicalUrl(pageUrl) && !seen.has(l.url) && seen.add(l.url)) };
}

function feedLinks(text: string, base: string): Found[] {
  const $ = cheerio.load(text, { xml: true });
  const out: Found[] = [];
  $('item').each((_, el) => {
    const item = $(el);
    const url = canonicalUrl(item.children('link').first().text() || item.children('guid').first().text(), base);
    const date = isoDate(item.children('pubDate, dc\\:date').first().text()) ?? rfc822Date(item.children('pubDate').first().text());
    if (url) out.push({ url, kind: 'article', date });
  });
  $('entry').each((_, el) => {
    const entry = $(el);
    const link = entry.children('link[rel="alternate"], link:not([rel])').first().attr('href');
    const url = link ? canonicalUrl(link, base) : null;
    const date = isoDate(entry.children('updated').first().text()) ?? isoDate(entry.children('published').first().text());
    if (url) out.push({ url, kind: 'article', date });
  });
  return out;
}

function sitemapLinks(text: string, base: string): Found[] {
  const $ = cheerio.load(text, { xml: true });
  const out: Found[] = [];
  $('sitemap').each((_, el) => {
    const url = canonicalUrl($(el).children('loc').text(), base);
    if (url) out.push({ url, kind: 'sitemap', date: isoDate($(el).children('lastmod').text()) });
  });
  $('url').each((_, el) => {
    const url = canonicalUrl($(el).children('loc').text(), base);
    const date = isoDate($(el).children('lastmod').text()) ?? isoDate($(el).find('news\\:publication_date').text());
    if (url) out.push({ url, kind: 'article', date });
  });
  return out;
}

/** Article links by the profile's rules (or the generic shape), on the listing's own site only. */
function listingLinks(text: string, base: string, profile: SiteProfile): Found[] {
  const $ = cheerio.load(text);
  const host = new URL(base).host;
  const rules = profile.articleLinks.map((r) => new RegExp(r, 'i'));
  const isArticle = (u: URL) => (rules.length ? rules.some((r) => r.test(u.pathname + u.search)) : looksLikeArticle(u));
  const out: Found[] = [];
  $('a[href]').each((_, el) => {
    const url = canonicalUrl($(el).attr('href') ?? '', base);
    if (!url) return;
    const u = new URL(url);
    if (u.host === host && isArticle(u)) out.push({ url, kind: 'article', date: null });
  });
  if (profile.next) {
    const next = canonicalUrl($(profile.next).first().attr('href') ?? '', base);
    if (next && new URL(next).host === host) out.push({ url: next, kind: 'listing', date: null });
  }
  return out;
}

/** Article URLs on Vietnamese news CMSs end in .html/.htm/.aspx or carry a long numeric id, or a long slug. */
export function looksLikeArticle(u: URL): boolean {
  const path = decodeURIComponent(u.pathname);
  if (/\.(jpe?g|png|gif|webp|svg|css|js|xml|rss|zip|mp[34])$/i.test(path)) return false;
  const last = path.split('/').filter(Boolean).pop() ?? '';
  if (/\.(pdf|docx)$/i.test(last)) return true;
  if (/\.(html?|aspx|php)$/i.test(last) && last.includes('-')) return true;
  if (/\d{5,}/.test(last) || /[?&](id|newsid|itemid)=\d{3,}/i.test(u.search)) return true;
  return last.split('-').length >= 5;
}

/** "Tue, 14 May 2024 08:00:00 +0700" -> "2024-05-14" (the date as the site wrote it). */
function rfc822Date(s: string): string | null {
  const m = /(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*\s+(\d{4})/i.exec(s);
  if (!m) return null;
  const month = 'janfebmaraprmayjunjulaugsepoctnovdec'.indexOf(m[2].toLowerCase()) / 3 + 1;
  return `${m[3]}-${String(month).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
}
