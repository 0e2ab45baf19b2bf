// Stored figures a claim figure may be checked against, with their citations and the audit
// findings on them. Only the latest version of each document counts.
import type { Figure } from '../contract/schema.ts';
import type { Db } from '../store/db.ts';
import { provinceKeys } from '../store/places.ts';
import { FIGURE_ROW_FROM, FIGURE_ROW_SQL, LATEST_ONLY, type FigureRowOut } from '../store/figure-row.ts';

export type StoredFigure = FigureRowOut & {
  id: number;
  documentId: number;
  ingestedAt: string;
  /** Folded place names, as stored (what place comparisons use). */
  provinceKey: string | null;
  currentKey: string | null;
  districtKey: string | null;
};

export interface StoredFinding {
  id: number;
  rule: string;
  message: string;
}

/** Figures read per look-up: the same measure rarely has more; a wider look ranks only a sample. */
const MAX_ROWS = { strict: 2000, wide: 500 };

/**
 * Figures of the same kind and unit (and place, metric and programme when `strict`); the finer
 * dimensions (district, project, capital, dates) are compared by the caller, which also ranks.
 */
export function storedLike(db: Db, f: Figure, opts: { strict: boolean; place: boolean }): StoredFigure[] {
  // Unary + keeps kind and unit off the indexes: (program, metric, year) narrows far more.
  const where = [LATEST_ONLY, '+f.kind = ?', '+f.unit = ?'];
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
  const select = (extra: string, ...more: unknown[]) =>
    db
      .prepare(
        `SELECT ${FIGURE_ROW_SQL}, f.id, f.document_id AS documentId, d.ingested_at AS ingestedAt,
                f.province_key AS provinceKey, f.current_key AS currentKey, f.district_key AS districtKey
         FROM ${FIGURE_ROW_FROM} WHERE ${[...where, extra].join(' AND ')} ORDER BY f.id LIMIT ${opts.strict ? MAX_ROWS.strict : MAX_ROWS.wide}`,
      )
      .all(...params, ...more) as StoredFigure[];
  const year = f.year ?? (f.asOf ? Number(f.asOf.slice(0, 4)) : null);
  if (!opts.strict || year === null) return select('1');
  // The claim's year, or no year but a date in it (the caller compares dates exactly). Two
  // look-ups, each on the (program, metric, year) index; an OR of them would use neither.
  return [...select('f.year = ?', year), ...select('f.year IS NULL AND f.as_of LIKE ?', `${year}-%`)];
}

/** Audit findings involving a figure (by store id), looked up as verdicts cite it. */
export function findingsLookup(db: Db): (figureId: number) => StoredFinding[] {
  const stmt = db.prepare(
    `SELECT n.id, n.rule, n.message FROM finding_figures ff JOIN findings n ON n.id = ff.finding_id
     WHERE ff.figure_id = ? ORDER BY n.id`,
  );
  return (id) => stmt.all(id) as StoredFinding[];
}
