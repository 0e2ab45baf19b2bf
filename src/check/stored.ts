// Stored figures a claim figure may be checked against, with their citations and the audit
// findings on them. Only the latest version of each document counts.
import type { Figure } from '../contract/schema.ts';
import type { Db } from '../store/db.ts';
import { provinceKeys } from '../store/places.ts';
import { FIGURE_ROW_FROM, FIGURE_ROW_SQL, LATEST_ONLY, type FigureRowOut } from '../store/figure-row.ts';

export type StoredFigure = FigureRowOut & { id: number; documentId: number; ingestedAt: string };

export interface StoredFinding {
  id: number;
  rule: string;
  message: string;
}

/** Enough to rank the closest of a broad match; more would only cost time. */
const MAX_ROWS = 5000;

/**
 * Figures of the same kind and unit (and place, metric and programme when `strict`); the finer
 * dimensions (district, project, capital, dates) are compared by the caller, which also ranks.
 */
export function storedLike(db: Db, f: Figure, opts: { strict: boolean; place: boolean }): StoredFigure[] {
  const where = [LATEST_ONLY, 'f.kind = ?', 'f.unit = ?'];
  const params: unknown[] = [f.kind, f.unit];
  if (opts.place && f.location) {
    // As written or as today's province: "Thái Nguyên" finds a 2024 Bắc Kạn report's figures.
    const keys = provinceKeys(f.location.province);
    const list = keys.map(() => '?').join(', ');
    where.push(`(f.province_key IN (${list}) OR f.current_key IN (${list}))`);
    params.push(...keys, ...keys);
  }
  if (opts.strict && f.metric !== null && f.metric !== 'other') {
    where.push('f.metric = ?');
    params.push(f.metric);
  }
  if (opts.strict && f.program !== null) {
    where.push('f.program = ?');
    params.push(f.program);
  }
  const sql = `SELECT ${FIGURE_ROW_SQL}, f.id, f.document_id AS documentId, d.ingested_at AS ingestedAt
               FROM ${FIGURE_ROW_FROM} WHERE ${where.join(' AND ')} ORDER BY f.id LIMIT ${MAX_ROWS}`;
  return db.prepare(sql).all(...params) as StoredFigure[];
}

/** Audit findings involving a figure (by store id), looked up as verdicts cite it. */
export function findingsLookup(db: Db): (figureId: number) => StoredFinding[] {
  const stmt = db.prepare(
    `SELECT n.id, n.rule, n.message FROM finding_figures ff JOIN findings n ON n.id = ff.finding_id
     WHERE ff.figure_id = ? ORDER BY n.id`,
  );
  return (id) => stmt.all(id) as StoredFinding[];
}
