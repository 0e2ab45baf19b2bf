// Reading stored figures back in the contract's shape (for the audit and reextract).
import type { Figure } from '../contract/schema.ts';
import type { DocFigure } from '../audit/cross.ts';
import type { Db } from './db.ts';
import { rowToFigure, type FigureRow } from './rows.ts';
import { prepared } from './statements.ts';

type StoredRow = FigureRow & { quote_start: number; quote_end: number; id: number; document_id: number };

const SELECT = `SELECT f.*, c.span_start AS quote_start, c.span_end AS quote_end
                FROM figures f JOIN citations c ON c.id = f.citation_id`;

export function loadFigures(db: Db, documentId: number): Figure[] {
  const rows = prepared(db, `${SELECT} WHERE f.document_id = ? ORDER BY f.span_start, f.id`).all(documentId) as StoredRow[];
  return rows.map(rowToFigure);
}

/** The latest figures with one cross-document key (audit/cross.ts), each with its store id. */
export function loadCrossGroup(db: Db, key: string): (DocFigure & { id: number })[] {
  const rows = prepared(
    db,
    `SELECT f.*, c.span_start AS quote_start, c.span_end AS quote_end, coalesce(d.title, s.uri) AS doc_name
     FROM figures f CROSS JOIN documents d CROSS JOIN sources s CROSS JOIN citations c
     WHERE f.cross_key = ? AND f.cross_key <> '' AND d.id = f.document_id AND d.latest = 1 AND s.id = d.source_id AND c.id = f.citation_id
     ORDER BY f.id`,
  ).all(key) as (StoredRow & { doc_name: string })[];
  return rows.map((r) => ({ id: r.id, doc: r.document_id, docName: r.doc_name, figure: rowToFigure(r) }));
}

/** Store id of each contract id in a document version. */
export function figureIds(db: Db, documentId: number): Map<string, number> {
  const rows = prepared(db, 'SELECT id, fid FROM figures WHERE document_id = ?').all(documentId) as { id: number; fid: string }[];
  return new Map(rows.map((r) => [r.fid, r.id]));
}
