// Writing documents and their figures. Each function runs inside the caller's transaction.
import type { Figure } from '../contract/schema.ts';
import type { ParsedDocument } from '../contract/parsed.ts';
import type { ExtractOutput } from '../contract/schema.ts';
import type { Db } from './db.ts';
import { fold } from './fold.ts';
import { figureToRow } from './rows.ts';

export interface Versions {
  extractor: string;
  patterns: string;
}

export function documentIdBySha(db: Db, sha256: string): number | null {
  const row = db.prepare('SELECT id FROM documents WHERE sha256 = ?').get(sha256) as { id: number } | undefined;
  return row?.id ?? null;
}

/** Inserts a new version of the document from `uri`; returns its id and version number. */
export function insertDocument(
  db: Db,
  uri: string,
  parsed: ParsedDocument,
  output: ExtractOutput,
  versions: Versions,
  ingestedAt: string,
): { id: number; version: number } {
  db.prepare('INSERT INTO sources (uri) VALUES (?) ON CONFLICT (uri) DO NOTHING').run(uri);
  const source = db.prepare('SELECT id FROM sources WHERE uri = ?').get(uri) as { id: number };
  const { next } = db
    .prepare('SELECT coalesce(max(version), 0) + 1 AS next FROM documents WHERE source_id = ?')
    .get(source.id) as { next: number };
  const d = output.document;
  db.prepare('UPDATE documents SET latest = 0 WHERE source_id = ?').run(source.id);
  const info = db
    .prepare(
      `INSERT INTO documents (source_id, version, sha256, format, title, published, ingested_at, text, blocks,
                              extractor_version, patterns_version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(source.id, next, d.sha256, d.format, d.title, d.published, ingestedAt, d.text, JSON.stringify(parsed.blocks), versions.extractor, versions.patterns);
  const id = Number(info.lastInsertRowid);
  insertFigures(db, id, d.text, output.figures, versions);
  return { id, version: next };
}

/** Stores figures with one citation per distinct sentence. */
export function insertFigures(db: Db, documentId: number, text: string, figures: Figure[], versions: Versions): void {
  const insCitation = db.prepare(
    'INSERT INTO citations (document_id, span_start, span_end, quote, search) VALUES (?, ?, ?, ?, ?)',
  );
  const insFigure = db.prepare(
    `INSERT INTO figures (document_id, fid, citation_id, kind, text, span_start, span_end, value, unit, per, of, range_to,
       qualifier, metric, rate_kind, rate_of, part_of, program, project, fund, capital, province, district,
       current_province, province_key, district_key, current_key, as_of, year, confidence, locator, why,
       extractor_version, patterns_version)
     VALUES (@document_id, @fid, @citation_id, @kind, @text, @span_start, @span_end, @value, @unit, @per, @of, @range_to,
       @qualifier, @metric, @rate_kind, @rate_of, @part_of, @program, @project, @fund, @capital, @province, @district,
       @current_province, @province_key, @district_key, @current_key, @as_of, @year, @confidence, @locator, @why,
       @extractor_version, @patterns_version)`,
  );
  const citations = new Map<string, number>();
  for (const f of figures) {
    const key = `${f.sentence.start}:${f.sentence.end}`;
    let citationId = citations.get(key);
    if (citationId === undefined) {
      const quote = text.slice(f.sentence.start, f.sentence.end);
      citationId = Number(insCitation.run(documentId, f.sentence.start, f.sentence.end, quote, fold(quote)).lastInsertRowid);
      citations.set(key, citationId);
    }
    insFigure.run({
      ...figureToRow(f),
      document_id: documentId,
      citation_id: citationId,
      extractor_version: versions.extractor,
      patterns_version: versions.patterns,
    });
  }
}

/** Drops a document version's figures, citations and findings (before re-extracting it). */
export function deleteFigures(db: Db, documentId: number): void {
  db.prepare(
    `DELETE FROM findings WHERE id IN (
       SELECT ff.finding_id FROM finding_figures ff JOIN figures f ON f.id = ff.figure_id WHERE f.document_id = ?)`,
  ).run(documentId);
  db.prepare('DELETE FROM figures WHERE document_id = ?').run(documentId);
  db.prepare('DELETE FROM citations WHERE document_id = ?').run(documentId);
}
