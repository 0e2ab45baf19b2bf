// Ingesting one file: unchanged bytes are skipped, anything else becomes a new document version,
// written in one transaction so a crash leaves either the whole document or none of it.
import { ZodError } from 'zod';
import { InputError } from '../contract/errors.ts';
import { readSource, STDIN } from '../sources/read.ts';
import type { FetchOptions } from '../sources/url.ts';
import { EXTRACTOR_VERSION, patternsVersion } from '../extract/version.ts';
import type { Db } from './db.ts';
import { extractParsed } from './extract-parsed.ts';
import { parseDocument } from '../parsers/index.ts';
import { documentIdBySha, insertDocument, type Versions } from './write.ts';
import { recordName } from './names.ts';
import { isSolieuExport } from './export.ts';

export type IngestOutcome =
  | { file: string; status: 'ingested'; documentId: number; version: number; figures: number; bytes: number }
  /** `firstName`: the name the same bytes were first stored under, when it is another. */
  | { file: string; status: 'unchanged'; documentId: number; bytes: number; firstName: string | null }
  | { file: string; status: 'failed'; reason: string };

export function currentVersions(): Versions {
  return { extractor: EXTRACTOR_VERSION, patterns: patternsVersion() };
}

/** `file`: a path, an http(s) URL, or '-' (standard input, stored as stdin:<sha256 prefix>). */
export async function ingestFile(db: Db, file: string, versions: Versions = currentVersions(), fetchOptions: FetchOptions = {}): Promise<IngestOutcome> {
  try {
    const src = await readSource(file, fetchOptions);
    if (file === STDIN) file = `stdin:${src.sha256.slice(0, 12)}`;
    const bytes = src.bytes.byteLength;
    const known = documentIdBySha(db, src.sha256);
    if (known !== null) return unchanged(db, file, known, bytes);
    if (isSolieuExport(src.bytes)) throw new InputError(file, "is a solieu export (figures, not a report); ingest the documents it came from instead");
    const parsed = await parseDocument(src.bytes, src.name);
    const output = extractParsed(parsed, src.sha256);
    return db.transaction(() => {
      // Another process may have stored the same bytes while we were parsing.
      const raced = documentIdBySha(db, src.sha256);
      if (raced !== null) return unchanged(db, file, raced, bytes);
      const now = new Date().toISOString();
      const doc = insertDocument(db, file, parsed, output, versions, now);
      recordName(db, doc.id, file, now);
      return { file, status: 'ingested' as const, documentId: doc.id, version: doc.version, figures: output.figures.length, bytes };
    }).immediate();
  } catch (e) {
    return { file, status: 'failed', reason: reasonOf(e) };
  }
}

/** Known bytes: the new name is recorded beside the first. */
function unchanged(db: Db, file: string, documentId: number, bytes: number): IngestOutcome {
  recordName(db, documentId, file, new Date().toISOString());
  const first = db.prepare('SELECT s.uri FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.id = ?').pluck().get(documentId) as string;
  return { file, status: 'unchanged', documentId, bytes, firstName: first === file ? null : first };
}

/** One line for the summary: the input's fault as the parser says it, anything else briefly. */
function reasonOf(e: unknown): string {
  if (e instanceof InputError) return e.reason;
  if (e instanceof ZodError) {
    const issue = e.issues[0];
    return `extractor output breaks the contract at ${issue?.path.join('.')}: ${issue?.message}`;
  }
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
