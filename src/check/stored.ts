// Stored figures a claim figure may be checked against, with their citations and the audit
// findings on them. Only the latest version of each document counts.
import type { Figure } from '../contract/schema.ts';
import type { Db } from '../store/db.ts';
import { provinceKeys } from '../store/places.ts';
import { FIGURE_ROW_FROM, FIGURE_ROW_SQL, rowFromSql, type FigureRowOut, type FigureRowSql } from '../store/figure-row.ts';
import { prepared } from '../store/statements.ts';

/** What a verdict compares of a stored figure (its citation is read only when it is cited). */
export type StoredFigure = Pick<
  FigureRowOut,
  'source' | 'published' | 'kind' | 'text' | 'value' | 'unit' | 'per' | 'rangeTo' | 'qualifier' | 'metric' | 'rateKind' | 'program' | 'project' | 'fund' | 'capital' | 'asOf' | 'year'
> & {
  id: number;
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

type Condition = [sql: string, ...params: unknown[]];

/**
 * Figures of the same kind and unit (and place, metric and programme when `strict`); the finer
 * dimensions (district, project, capital, dates) are compared by the caller, which also ranks.
 * Each look-up is index-driven (figures_measure for a measure, a place index otherwise) and reads
 * the first figures in id order; tests/store-plans.test.ts checks the plans.
 */
export function storedLike(db: Db, f: Figure, opts: { strict: boolean; place: boolean }): StoredFigure[] {
  const base: Condition[] = [['f.kind = ?', f.kind], ['f.unit = ?', f.unit]];
  if (opts.strict && f.metric !== null && f.metric !== 'other') base.push(['f.metric = ?', f.metric]);
  if (opts.strict && f.program !== null) base.push(['f.program = ?', f.program]);
  // As written or as today's province: "Thái Nguyên" finds a 2024 Bắc Kạn report's figures.
  const keys = opts.place && f.location ? provinceKeys(f.location.province) : null;
  const limit = opts.strict ? MAX_ROWS.strict : MAX_ROWS.wide;
  const select = (...extra: Condition[]) => firstRows(db, [...base, ...extra], keys, limit);
  const year = f.year ?? (f.asOf ? Number(f.asOf.slice(0, 4)) : null);
  if (!opts.strict || year === null) return select();
  // The claim's year, or no year but a date in it (the caller compares dates exactly): two
  // look-ups, each an equality on the index; an OR of them would use neither.
  return [...select(['f.year = ?', year]), ...select(['f.year IS NULL'], ['f.as_of LIKE ?', `${year}-%`])];
}

/**
 * The first `limit` latest figures in id order that meet every condition and are in one of the
 * province `keys` as written or today (null: anywhere). With a metric, figures_measure drives and
 * covers the query; without one, each key is an index equality walked in id order on province_key
 * and on place_key (current, else as written): a current_key is in the keys exactly when the
 * place_key is, or the figure has none and its province_key is.
 */
function firstRows(db: Db, all: Condition[], keys: string[] | null, limit: number): StoredFigure[] {
  const run = (conds: Condition[]) =>
    prepared(db, `SELECT ${STORED_SQL} WHERE ${['d.latest = 1', ...conds.map((c) => c[0])].join(' AND ')} ORDER BY f.id LIMIT ${limit}`).all(
      ...conds.flatMap((c) => c.slice(1)),
    ) as StoredFigure[];
  if (!keys) return run(all);
  const list = keys.map(() => '?').join(', ');
  // Unary +: no place index may drive (their union would need sorting); figures_measure covers it.
  if (all.some((c) => c[0] === 'f.metric = ?')) return run([...all, [`(+f.province_key IN (${list}) OR +f.current_key IN (${list}))`, ...keys, ...keys]]);
  const byId = new Map<number, StoredFigure>();
  for (const k of keys) for (const column of ['f.province_key', 'f.place_key']) for (const r of run([...all, [`${column} = ?`, k]])) byId.set(r.id, r);
  return [...byId.values()].sort((a, b) => a.id - b.id).slice(0, limit);
}

/** Figures first (CROSS JOIN keeps them the outer loop: a figures index drives, never documents). */
const STORED_SQL = `s.uri AS source, d.published, d.ingested_at AS ingestedAt, f.id, f.kind, f.text, f.value, f.unit, f.per,
    f.range_to AS rangeTo, f.qualifier, f.metric, f.rate_kind AS rateKind, f.program, f.project, f.fund, f.capital,
    f.as_of AS asOf, f.year, f.province_key AS provinceKey, f.current_key AS currentKey, f.district_key AS districtKey
  FROM figures f CROSS JOIN documents d ON d.id = f.document_id CROSS JOIN sources s ON s.id = d.source_id`;

/** A cited figure's whole row (document, passage, locator) and the audit findings on it. */
export interface CitedLookup {
  row(id: number): FigureRowOut;
  findings(id: number): StoredFinding[];
}

/** Rows and audit findings of the figures a verdict cites (by store id), looked up as it cites them. */
export function citedLookup(db: Db): CitedLookup {
  const row = db.prepare(`SELECT ${FIGURE_ROW_SQL} FROM ${FIGURE_ROW_FROM} WHERE f.id = ?`);
  const findings = db.prepare(
    `SELECT n.id, n.rule, n.message FROM finding_figures ff JOIN findings n ON n.id = ff.finding_id
     WHERE ff.figure_id = ? ORDER BY n.id`,
  );
  return { row: (id) => rowFromSql(row.get(id) as FigureRowSql), findings: (id) => findings.all(id) as StoredFinding[] };
}
