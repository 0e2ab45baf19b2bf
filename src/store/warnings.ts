// The parser's warnings stored with each document (pages past the cap, running heads dropped,
// charsets, mixed encodings, OCR): what a reader of its figures should know, listed by `audit`.
import type { Db } from './db.ts';
import { sourceIs } from './finding-rows.ts';
import { visible } from './table.ts';

export interface DocumentWarnings {
  source: string;
  version: number;
  warnings: string[];
}

/** Warnings of the current documents, in the order they were stored (only this source's when `source` is given). */
export function storedWarnings(db: Db, source?: string): DocumentWarnings[] {
  const rows = db
    .prepare('SELECT s.uri AS source, d.version, d.warnings FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.latest = 1 AND d.warnings IS NOT NULL ORDER BY d.id')
    .all() as { source: string; version: number; warnings: string }[];
  return rows.filter((r) => source === undefined || sourceIs(r.source, source)).map((r) => ({ ...r, warnings: JSON.parse(r.warnings) as string[] }));
}

/** One `<source>: warning: …` line each, as ingest printed them. */
export function renderWarnings(docs: DocumentWarnings[]): string {
  if (!docs.length) return '';
  const lines = docs.flatMap((d) => d.warnings.map((w) => `${d.source}: warning: ${visible(w)}`));
  return `parser warnings (${lines.length} in ${docs.length} documents):\n${lines.map((l) => `    ${l}\n`).join('')}`;
}
