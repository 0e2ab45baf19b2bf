// Reading stored figures back in the contract's shape (for the audit and reextract).
import type { Figure } from '../contract/schema.ts';
import type { KeyMember } from '../audit/cross.ts';
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

/** The latest figures with one cross-document key (audit/cross.ts), as its check reads them, each
 *  with its store id; by document, then in store order (all read from the key's index). */
export const KEY_MEMBERS_SQL = `
  SELECT f.id AS storeId, f.fid AS id, f.document_id AS doc, f.value, f.text, f.of, coalesce(d.title, s.uri) AS docName
  FROM figures f CROSS JOIN documents d CROSS JOIN sources s
  WHERE f.cross_key = ? AND f.cross_key <> '' AND d.id = f.document_id AND d.latest = 1 AND s.id = d.source_id
  ORDER BY f.document_id, f.id`;

export function loadKeyMembers(db: Db, key: string): (KeyMember & { storeId: number })[] {
  return prepared(db, KEY_MEMBERS_SQL).all(key) as (KeyMember & { storeId: number })[];
}

/** One stored figure, by store id. */
export function loadFigure(db: Db, storeId: number): Figure {
  return rowToFigure(prepared(db, `${SELECT} WHERE f.id = ?`).get(storeId) as StoredRow);
}

/** Store id of each contract id in a document version. */
export function figureIds(db: Db, documentId: number): Map<string, number> {
  const rows = prepared(db, 'SELECT id, fid FROM figures WHERE document_id = ?').all(documentId) as { id: number; fid: string }[];
  return new Map(rows.map((r) => [r.fid, r.id]));
}
