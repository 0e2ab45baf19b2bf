// HTML news page -> ParsedDocument: decode (BOM, meta charset), find the article (a per-site rule
// from patterns/sites.json, else the generic rule), leave out boilerplate, walk it into blocks.
// Locators: paragraph index and CSS path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import iconv from 'iconv-lite';
import type { ParsedDocument } from '../contract/parsed.ts';
import { InputError } from '../contract/errors.ts';
import { PATTERNS_DIR } from '../patterns/dir.ts';
import { TextBuilder } from './builder.ts';
import { domToBlocks, forEachElement, plainText } from './dom-blocks.ts';
import { pageMeta } from './html-meta.ts';
import { decodeLegacy } from '../text/legacy.ts';

export interface SiteRule {
  host: string;
  article: string;
  skip?: string[];
}

export function loadSiteRules(dir = PATTERNS_DIR): SiteRule[] {
  return (JSON.parse(readFileSync(join(dir, 'sites.json'), 'utf8')) as { sites: SiteRule[] }).sites;
}

/** HTML bytes -> NFC string: a BOM, else the bytes' own evidence weighed against the meta charset. */
export function decodeHtml(bytes: Uint8Array): string {
  return readHtmlText(bytes).text;
}

/** The page's text and, when the bytes contradicted the page's meta charset, a warning saying how it was read. */
export function readHtmlText(bytes: Uint8Array): { text: string; warnings: string[] } {
  const { text, warning } = decodeHtmlBytes(bytes);
  return { text: text.normalize('NFC'), warnings: warning ? [warning] : [] };
}

const UTF8 = /^utf-?8$/i;

function decodeHtmlBytes(bytes: Uint8Array): { text: string; warning?: string } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.toString('utf8', 3) };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le') };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be') };
  const head = buf.toString('latin1', 0, Math.min(buf.length, 4096));
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  let utf8: string | null = null;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    utf8 = null;
  }
  // Bytes that are valid UTF-8 and not plain ASCII are UTF-8, whatever the meta says: no legacy
  // Vietnamese text is valid UTF-8 by accident.
  if (utf8 !== null && /[^\x00-\x7f]/.test(utf8)) {
    const lie = declared && !UTF8.test(declared) ? `the page declares charset ${declared} but its bytes are UTF-8: read as UTF-8` : undefined;
    return { text: utf8, warning: lie };
  }
  if (utf8 !== null) return { text: utf8 };
  if (declared && !UTF8.test(declared) && iconv.encodingExists(declared)) return { text: iconv.decode(buf, declared) };
  const legacy = decodeLegacy(buf);
  const said = declared ? `declares charset ${declared}` : 'declares no charset';
  if (legacy) return { text: legacy.text, warning: `the page ${said} but its bytes are not UTF-8: read as ${legacy.encoding}` };
  return { text: buf.toString('utf8'), warning: `the page ${said} but its bytes are not valid UTF-8: unreadable characters replaced` };
}

/** Containers whose class or id names page furniture rather than article text. */
const FURNITURE =
  /(^|[\s_-])(nav|navbar|menu|breadcrumbs?|share|sharing|social|related|relate|lienquan|tinlienquan|comments?|binhluan|footer|header|sidebar|widget|banner|ads?|advert|quangcao|counter|thongke|visitors?|stats|tags?|tukhoa|keywords?|byline|author|tacgia|toolbar|print|rating|pagination|pager|meta|subscribe|newsletter|like-count|post-date|date|time)([\s_-]|$)/i;
const FURNITURE_TAGS = new Set(['nav', 'header', 'footer', 'aside', 'form', 'menu']);
/** Box headings that mark a container as furniture whatever its class. */
const FURNITURE_HEADING = /^(thống kê truy cập|tin liên quan|tin cùng chuyên mục|bài viết liên quan|tin khác|xem thêm|đọc thêm|chia sẻ|bình luận|tin mới nhất|tin đọc nhiều|từ khóa|liên kết website)/i;
/** Where CMSs put the article body, best first: itemprop, then common classes, then <article>. */
const BODY_CLASSES = ['detail-content', 'article-content', 'news-content', 'content-detail', 'post-content', 'entry-content', 'article-body', 'detail__content'];
const bodyRank = (el: Element): number => {
  if (el.attribs.itemprop === 'articleBody') return 0;
  const classes = (el.attribs.class ?? '').split(/\s+/);
  const k = BODY_CLASSES.findIndex((c) => classes.includes(c));
  if (k >= 0) return 1 + k;
  return el.name === 'article' ? 1 + BODY_CLASSES.length : -1;
};
const MIN_BODY_CHARS = 200;

function isFurniture(el: Element): boolean {
  if (FURNITURE_TAGS.has(el.name)) return true;
  // Tested as written and with dashes dropped, so "tin-lien-quan" also reads as "tinlienquan".
  const names = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  if (FURNITURE.test(names) || FURNITURE.test(names.replace(/-/g, ''))) return true;
  const first = el.children.find((c) => c.type === 'tag') as Element | undefined;
  if (first && /^(h[1-6]|strong|b|p|span|div)$/.test(first.name)) {
    const shallow = first.children.map((c) => (c.type === 'text' ? c.data : '')).join('').trim();
    if (shallow.length <= 60 && FURNITURE_HEADING.test(shallow)) return true;
  }
  return false;
}

/** The article element: the site rule's, else a known body container with text, else the densest text container. */
function findMain($: CheerioAPI, host: string | null, rules: SiteRule[]): { main: Element; skip: Set<Element> } {
  const rule = host ? rules.find((r) => host === r.host || host.endsWith(`.${r.host}`)) : undefined;
  if (rule) {
    const main = $(rule.article).first()[0] as Element | undefined;
    if (main) return { main, skip: new Set($(main).find((rule.skip ?? []).join(',') || '*:not(*)').toArray() as Element[]) };
  }
  // One iterative pass instead of a selector per candidate: selectors crawl on deeply nested pages.
  const candidates: Element[] = [];
  let body: Element | undefined;
  forEachElement($.root()[0], (el) => {
    if (el.name === 'body') body ??= el;
    const rank = bodyRank(el);
    if (rank >= 0) candidates[rank] ??= el;
  });
  for (const el of candidates) {
    if (el && plainText(el, isFurniture).length >= MIN_BODY_CHARS) return { main: el, skip: new Set() };
  }
  return { main: densest(body ?? ($.root()[0] as unknown as Element)), skip: new Set() };
}

/** Readability's idea: each paragraph's text scores its parent fully and its grandparent half. */
function densest(body: Element): Element {
  const score = new Map<Element, number>();
  forEachElement(body, (el) => {
    if (isFurniture(el)) return 'skip';
    if (el.name !== 'p') return;
    const len = el.children.map((c) => (c.type === 'text' ? c.data.trim().length : 0)).reduce((a, b) => a + b, 0);
    const parent = el.parent as Element | null;
    if (parent?.type === 'tag') score.set(parent, (score.get(parent) ?? 0) + len);
    const grand = parent?.parent as Element | null;
    if (grand?.type === 'tag') score.set(grand, (score.get(grand) ?? 0) + len / 2);
  });
  let best = body;
  let bestScore = 0;
  for (const [el, s] of score) if (s > bestScore) [best, bestScore] = [el, s];
  return best;
}

export function parseHtml(bytes: Uint8Array, name: string, rules: SiteRule[] = loadSiteRules()): ParsedDocument {
  const { text, warnings } = readHtmlText(bytes);
  const $ = cheerio.load(text, { xml: { xmlMode: false, decodeEntities: true } });
  const meta = pageMeta($.root()[0]);
  const { main, skip } = findMain($, meta.host, rules);
  const builder = new TextBuilder();
  domToBlocks(main, builder, { style: 'html', skip: (el) => skip.has(el) || isFurniture(el) });
  if (builder.text === '') throw new InputError(name, 'HTML: no article text found');
  return {
    format: 'html',
    title: meta.title,
    published: meta.published,
    siteName: meta.siteName,
    host: meta.host,
    text: builder.text,
    blocks: builder.blocks,
    ...(warnings.length ? { warnings } : {}),
  };
}
