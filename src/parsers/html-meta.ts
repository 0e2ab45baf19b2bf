// A news page's title, publication date, site name and host, from meta tags first, then the
// byline forms Vietnamese sites print ("16/01/2024 15:30", "Thứ ba, 16-01-2024").
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { forEachElement } from './dom-blocks.ts';
import { oneLine } from './builder.ts';

export interface PageMeta {
  title: string | null;
  published: string | null;
  siteName: string | null;
  host: string | null;
}

const DATE_METAS = [
  'meta[property="article:published_time"]',
  'meta[property="og:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="pubdate"]',
  'meta[name="publishdate"]',
  'meta[name="dc.date.issued"]',
  'meta[name="date"]',
];
/** Elements whose class or id says they hold the date line. */
const DATE_HOLDER = /(^|[\s_-])(date|time|publish|pubdate|post-?date|ngay-?dang)([\s_-]|$)/i;
/** Elements scanned for a byline date at most (a hostile page may hold millions). */
const MAX_SCANNED = 20000;

export function pageMeta($: CheerioAPI): PageMeta {
  const meta = (sel: string) => oneLine($(sel).first().attr('content') ?? '') || null;
  const siteName = meta('meta[property="og:site_name"]') ?? meta('meta[name="application-name"]');
  const docTitle = oneLine($('title').first().text());
  const title =
    meta('meta[property="og:title"]') ??
    (oneLine($('h1').first().text()) || null) ??
    (docTitle.replace(/\s+[-|–]\s+[^-|–]+$/, '') || null);
  const url = $('link[rel="canonical"]').first().attr('href') ?? meta('meta[property="og:url"]');
  let host: string | null = null;
  try {
    host = url ? new URL(url).host.replace(/^www\./, '') : null;
  } catch {
    host = null;
  }
  return { title, published: publishedDate($), siteName, host };
}

function publishedDate($: CheerioAPI): string | null {
  for (const sel of DATE_METAS) {
    const d = isoDate($(sel).first().attr('content') ?? '');
    if (d) return d;
  }
  const time = isoDate($('time[datetime]').first().attr('datetime') ?? '');
  if (time) return time;
  let found: string | null = null;
  let scanned = 0;
  forEachElement($.root()[0], (el: Element) => {
    if (found || ++scanned > MAX_SCANNED) return 'skip';
    const holder = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
    if (DATE_HOLDER.test(holder)) found = bylineDate(directText(el));
  });
  return found;
}

/** Text of an element's own text nodes and its children's (a date line is shallow). */
function directText(el: Element): string {
  const parts: string[] = [];
  for (const c of el.children) {
    if (c.type === 'text') parts.push(c.data);
    else if (c.type === 'tag') for (const g of c.children) if (g.type === 'text') parts.push(g.data);
  }
  return parts.join(' ');
}

/** ISO dates and datetimes ("2024-01-16T15:30:00+07:00") -> "2024-01-16". */
export function isoDate(s: string): string | null {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(s);
  return m && validDate(+m[1], +m[2], +m[3]) ? `${m[1]}-${m[2]}-${m[3]}` : bylineDate(s);
}

/** Vietnamese byline dates: day first ("16/01/2024 15:30", "16-1-2024", "Thứ ba, 16/01/2024"). */
export function bylineDate(s: string): string | null {
  const m = /(?:^|\D)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)/.exec(s);
  if (!m || !validDate(+m[3], +m[2], +m[1])) return null;
  return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
}

function validDate(y: number, m: number, d: number): boolean {
  return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}
