// Reading a document's stored figures back in the contract's shape (for the audit and reextract).
import type { Figure } from '../contract/schema.ts';
import type { Db } from './db.ts';
import { rowToFigure, type FigureRow } from './rows.ts';

type StoredRow = FigureRow & { quote_start: number; quote_end: number; id: number; document_id: number };

const SELECT = `SELECT f.*, c.span_start AS quote_start, c.span_end AS quote_end
                FROM figures f JOIN citations c ON c.id = f.citation_id`;

export function loadFigures(db: Db, documentId: number): Figure[] {
  const rows = db.prepare(`${SELECT} WHERE f.document_id = ? ORDER BY f.span_start, f.id`).all(documentId) as StoredRow[];
  return rows.map(rowToFigure);
}

/** Figures of the latest document versions that can be compared across documents. */
export function loadComparableFigures(db: Db): { doc: number; figure: Figure }[] {
  const rows = db
    .prepare(
      `${SELECT} JOIN latest_documents d ON d.id = f.document_id
       WHERE f.province IS NOT NULL AND f.program IS NOT NULL AND f.metric IS NOT NULL
         AND (f.as_of IS NOT NULL OR f.year IS NOT NULL)`,
    )
    .all() as StoredRow[];
  return rows.map((r) => ({ doc: r.document_id, figure: rowToFigure(r) }));
}

/** Store id of each contract id in a document version. */
export function figureIds(db: Db, documentId: number): Map<string, number> {
  const rows = db.prepare('SELECT id, fid FROM figures WHERE document_id = ?').all(documentId) as { id: number; fid: string }[];
  return new Map(rows.map((r) => [r.fid, r.id]));
}

export function latestDocumentIds(db: Db): number[] {
  return (db.prepare('SELECT id FROM latest_documents ORDER BY id').all() as { id: number }[]).map((r) => r.id);
}
