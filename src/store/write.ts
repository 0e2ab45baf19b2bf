// Writing documents and their figures. Each function runs inside the caller's transaction.
import type { ExtractOutput, Figure, SolieuDocument } from '../contract/schema.ts';
import type { ParsedDocument } from '../contract/parsed.ts';
import { crossKey } from '../audit/cross.ts';
import type { Db } from './db.ts';
import { fold } from './fold.ts';
import { figureToRow } from './rows.ts';
import { prepared } from './statements.ts';
import { pointName } from './names.ts';
import { FACET_COUNT_STATEMENTS } from './migrations.ts';

export interface Versions {
  extractor: string;
  patterns: string;
}

export function documentIdBySha(db: Db, sha256: string): number | null {
  const row = prepared(db, 'SELECT id FROM documents WHERE sha256 = ?').get(sha256) as { id: number } | undefined;
  return row?.id ?? null;
}

/** A document in the form it is written from: its blocks as JSON, its figures one by one (ingest
 *  decodes them from the sandbox's chunks as they are written, never holding them all as objects). */
export interface DocumentRows {
  document: SolieuDocument;
  /** ParsedDocument.blocks as JSON: a string, or its UTF-8 bytes (stored as the same text). */
  blocks: string | Uint8Array;
  warnings?: string[];
  ocr?: boolean;
  figures: Iterable<Figure>;
}

/** Inserts a new version of the document from `uri`; returns its id, version number and the
 *  store id of each figure (by contract id). */
export function insertDocument(
  db: Db,
  uri: string,
  parsed: ParsedDocument,
  output: ExtractOutput,
  versions: Versions,
  ingestedAt: string,
): { id: number; version: number; figureIds: Map<string, number> } {
  const rows = { document: output.document, blocks: JSON.stringify(parsed.blocks), warnings: parsed.warnings, ocr: parsed.ocr, figures: output.figures };
  return insertDocumentRows(db, uri, rows, versions, ingestedAt);
}

/** insertDocument from the stored form. With `countLater` its figures are not counted into the
 *  facet counts: the caller counts them (countFacets) before anything can supersede it. */
export function insertDocumentRows(
  db: Db,
  uri: string,
  rows: DocumentRows,
  versions: Versions,
  ingestedAt: string,
  countLater = false,
): { id: number; version: number; figureIds: Map<string, number> } {
  prepared(db, 'INSERT INTO sources (uri) VALUES (?) ON CONFLICT (uri) DO NOTHING').run(uri);
  const source = prepared(db, 'SELECT id FROM sources WHERE uri = ?').get(uri) as { id: number };
  const { next } = prepared(db, 'SELECT coalesce(max(version), 0) + 1 AS next FROM documents WHERE source_id = ?').get(source.id) as {
    next: number;
  };
  const d = rows.document;
  // Current: `uri` points at it next (the version it held before stays current only under another
  // name). Stored so at once, not flipped by pointName, whose flip would run the facet-count
  // trigger and mark keys dirty for a version without figures yet. Blocks given as bytes (bound as
  // a Buffer over them, not a copy) would be a blob: CAST stores them as the text they are.
  const info = prepared(
    db,
    `INSERT INTO documents (source_id, version, latest, sha256, format, title, published, ingested_at, text, blocks,
                            extractor_version, patterns_version, warnings, ocr)
     VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT), ?, ?, ?, ?)`,
  ).run(
    source.id, next, d.sha256, d.format, d.title, d.published, ingestedAt, d.text, blocksParam(rows.blocks), versions.extractor, versions.patterns,
    rows.warnings?.length ? JSON.stringify(rows.warnings) : null, rows.ocr ? 1 : 0,
  );
  const id = Number(info.lastInsertRowid);
  pointName(db, uri, id, ingestedAt);
  return { id, version: next, figureIds: insertFigures(db, id, d.text, rows.figures, versions, countLater) };
}

function blocksParam(blocks: string | Uint8Array): string | Buffer {
  return typeof blocks === 'string' ? blocks : Buffer.from(blocks.buffer, blocks.byteOffset, blocks.byteLength);
}

/** The columns a figure is stored in; bound by position (binding ~35 names costs more than the
 *  insert's own work on some indexes). */
const FIGURE_COLUMNS = [
  'document_id', 'fid', 'citation_id', 'kind', 'text', 'span_start', 'span_end', 'value', 'unit', 'per', 'of', 'range_to',
  'qualifier', 'metric', 'rate_kind', 'rate_of', 'part_of', 'program', 'project', 'fund', 'capital', 'province', 'district',
  'current_province', 'province_key', 'district_key', 'current_key', 'as_of', 'year', 'confidence', 'locator', 'why',
  'extractor_version', 'patterns_version', 'cross_key',
] as const;
const INSERT_FIGURE = `INSERT INTO figures (${FIGURE_COLUMNS.join(', ')}) VALUES (${FIGURE_COLUMNS.map(() => '?').join(', ')})`;

/** Stores figures with one citation per distinct sentence; returns contract id -> store id. Their
 *  cross-document keys are marked for the next audit. */
export function insertFigures(db: Db, documentId: number, text: string, figures: Iterable<Figure>, versions: Versions, countLater = false): Map<string, number> {
  const insCitation = prepared(db, 'INSERT INTO citations (document_id, span_start, span_end, quote, search) VALUES (?, ?, ?, ?, ?)');
  const insFigure = prepared(db, INSERT_FIGURE);
  const dirty = prepared(db, 'INSERT INTO cross_dirty (key) VALUES (?) ON CONFLICT DO NOTHING');
  const citations = new Map<string, number>();
  const ids = new Map<string, number>();
  const keys = new Set<string>();
  for (const f of figures) {
    const key = `${f.sentence.start}:${f.sentence.end}`;
    let citationId = citations.get(key);
    if (citationId === undefined) {
      const quote = text.slice(f.sentence.start, f.sentence.end);
      citationId = Number(insCitation.run(documentId, f.sentence.start, f.sentence.end, quote, fold(quote)).lastInsertRowid);
      citations.set(key, citationId);
    }
    const cross = crossKey(f) ?? '';
    const row = { ...figureToRow(f), document_id: documentId, citation_id: citationId, extractor_version: versions.extractor, patterns_version: versions.patterns, cross_key: cross };
    const info = insFigure.run(FIGURE_COLUMNS.map((c) => row[c]));
    ids.set(f.id, Number(info.lastInsertRowid));
    if (cross !== '') keys.add(cross);
  }
  for (const k of keys) dirty.run(k);
  if (!countLater) countFacets(db, [documentId], 1);
  return ids;
}

/** The page's facet counts (migration 6) gain or lose latest documents' figures, once per
 *  document: as figures are stored (sign 1) or before they are dropped (-1). One statement per
 *  table for all the documents: each count a batch of articles shares is updated once. */
export function countFacets(db: Db, documentIds: readonly number[], sign: 1 | -1): void {
  if (!documentIds.length) return;
  const documents = JSON.stringify(documentIds);
  for (const sql of FACET_COUNT_STATEMENTS) prepared(db, sql).run({ documents, sign });
}

/** Drops a document version's figures, citations and findings (before re-extracting it); its
 *  cross-document keys are marked for the next audit, and the document is audited again. */
export function deleteFigures(db: Db, documentId: number): void {
  prepared(
    db,
    `INSERT INTO cross_dirty (key) SELECT DISTINCT cross_key FROM figures WHERE document_id = ? AND cross_key <> ''
     ON CONFLICT DO NOTHING`,
  ).run(documentId);
  prepared(
    db,
    `DELETE FROM findings WHERE id IN (
       SELECT ff.finding_id FROM finding_figures ff JOIN figures f ON f.id = ff.figure_id WHERE f.document_id = ?)`,
  ).run(documentId);
  prepared(db, 'DELETE FROM findings WHERE document_id = ?').run(documentId);
  countFacets(db, [documentId], -1);
  prepared(db, 'DELETE FROM figures WHERE document_id = ?').run(documentId);
  prepared(db, 'DELETE FROM citations WHERE document_id = ?').run(documentId);
  prepared(db, 'UPDATE documents SET audited = 0 WHERE id = ?').run(documentId);
}
