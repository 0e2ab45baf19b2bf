// One fetched article -> the store: parsed and extracted in the sandbox (under ingest's caps) outside
// any transaction, then the new version and its frontier row written in one transaction, so a kill
// leaves all of it or none.
import { createHash } from 'node:crypto';
import * as cheerio from 'cheerio';
import type { ParsedDocument } from '../contract/parsed.ts';
import type { ExtractOutput } from '../contract/schema.ts';
import { parseDocument } from '../parsers/index.ts';
import { extractParsedInSandbox, type SandboxLimits } from '../sandbox/index.ts';
import { decodeHtml } from '../parsers/html.ts';
import { isoDate } from '../parsers/html-meta.ts';
import { sha256Hex } from '../sources/file.ts';
import type { Db } from '../store/db.ts';
import { documentIdBySha, insertDocument, type Versions } from '../store/write.ts';
import { pointName } from '../store/names.ts';
import type { SiteProfile } from './sites.ts';

export type ArticleResult =
  | { status: 'new' | 'changed'; documentId: number; version: number; figures: number; contentHash: string }
  | { status: 'unchanged'; documentId: number | null; contentHash: string }
  | { status: 'old'; published: string };

export interface Prepared {
  url: string;
  sha256: string;
  parsed: ParsedDocument;
  contentHash: string;
}

/** Parses the page; the profile's date selector fills in a date the page's meta tags do not give. */
export async function prepareArticle(url: string, bytes: Buffer, profile: SiteProfile, limits?: SandboxLimits): Promise<Prepared> {
  let parsed = await parseDocument(bytes, url, limits);
  if (!parsed.published && profile.date && parsed.format === 'html') {
    const el = cheerio.load(decodeHtml(bytes))(profile.date).first();
    const published = isoDate(el.attr('datetime') ?? el.attr('content') ?? el.text());
    if (published) parsed = { ...parsed, published };
  }
  // The article's text, not the page's bytes: a new visitor counter is not a new version.
  const contentHash = createHash('sha256').update(parsed.text).digest('hex');
  return { url, sha256: sha256Hex(bytes), parsed, contentHash };
}

/**
 * Stores the article unless it is older than `since` or already stored (same text as our copy, or
 * the same bytes under any URL); `alsoWrite` runs in the same transaction (the frontier update).
 * Extraction runs before the transaction so the write lock is held only for the writes; a page
 * over the sandbox's caps rejects with its InputError.
 */
export async function storeArticle(
  db: Db,
  p: Prepared,
  known: { contentHash: string | null },
  since: string | null,
  versions: Versions,
  limits: SandboxLimits | undefined,
  alsoWrite: (r: ArticleResult) => void,
): Promise<ArticleResult> {
  const skip = skipped(db, p, known, since);
  const output = skip ? null : await extractParsedInSandbox(p.parsed, p.url, p.sha256, limits);
  return db.transaction((): ArticleResult => {
    // Checked again inside: another process may have stored the same bytes meanwhile.
    const result = skip ?? skipped(db, p, known, since) ?? insert(db, p, output!, versions);
    // Bytes stored before (the page restored, or the same page under another URL): what this URL
    // holds now is current for it.
    if (result.status === 'unchanged' && result.documentId !== null) pointName(db, p.url, result.documentId, new Date().toISOString());
    alsoWrite(result);
    return result;
  }).immediate();
}

function skipped(db: Db, p: Prepared, known: { contentHash: string | null }, since: string | null): ArticleResult | null {
  if (since && p.parsed.published && p.parsed.published < since) return { status: 'old', published: p.parsed.published };
  const bySha = documentIdBySha(db, p.sha256);
  if (known.contentHash === p.contentHash || bySha !== null) return { status: 'unchanged', documentId: bySha, contentHash: p.contentHash };
  return null;
}

function insert(db: Db, p: Prepared, output: ExtractOutput, versions: Versions): ArticleResult {
  const doc = insertDocument(db, p.url, p.parsed, output, versions, new Date().toISOString());
  return { status: doc.version > 1 ? 'changed' : 'new', documentId: doc.id, version: doc.version, figures: output.figures.length, contentHash: p.contentHash };
}
