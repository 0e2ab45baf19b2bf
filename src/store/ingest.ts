// Ingesting one file: unchanged bytes are skipped, anything else becomes a new document version,
// written in one transaction so a crash leaves either the whole document or none of it.
import { ZodError } from 'zod';
import { InputError } from '../contract/errors.ts';
import { readSourceFile } from '../sources/file.ts';
import { EXTRACTOR_VERSION, patternsVersion } from '../extract/version.ts';
import type { Db } from './db.ts';
import { readInSandbox } from '../sandbox/index.ts';
import { documentIdBySha, insertDocument, makeCurrent, type Versions } from './write.ts';

export type IngestOutcome =
  | { file: string; status: 'ingested'; documentId: number; version: number; figures: number; bytes: number; warnings?: string[]; restored?: boolean }
  | { file: string; status: 'unchanged'; documentId: number; bytes: number }
  | { file: string; status: 'failed'; reason: string };

export function currentVersions(): Versions {
  return { extractor: EXTRACTOR_VERSION, patterns: patternsVersion() };
}

export async function ingestFile(db: Db, file: string, versions: Versions = currentVersions()): Promise<IngestOutcome> {
  try {
    const src = readSourceFile(file);
    const bytes = src.bytes.byteLength;
    const known = documentIdBySha(db, src.sha256);
    if (known !== null) {
      // Bytes seen before as an older version of this file: the content last seen is current again.
      const restored = db.transaction(() => makeCurrent(db, file, known)).immediate();
      if (restored) return { file, status: 'ingested', documentId: known, ...restored, bytes, restored: true };
      return { file, status: 'unchanged', documentId: known, bytes };
    }
    const { parsed, output } = await readInSandbox(src.bytes, src.name, src.sha256);
    const warnings = output.warnings?.length ? { warnings: output.warnings } : {};
    return db.transaction(() => {
      // Another process may have stored the same bytes while we were parsing.
      const raced = documentIdBySha(db, src.sha256);
      if (raced !== null) return { file, status: 'unchanged' as const, documentId: raced, bytes };
      const doc = insertDocument(db, file, parsed, output, versions, new Date().toISOString());
      return { file, status: 'ingested' as const, documentId: doc.id, version: doc.version, figures: output.figures.length, bytes, ...warnings };
    }).immediate();
  } catch (e) {
    return { file, status: 'failed', reason: reasonOf(e) };
  }
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
