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
 * Each look-up is index-driven (storedLikePlans); tests/store-plans.test.ts checks the plans.
 */
export function storedLike(db: Db, f: Figure, opts: { strict: boolean; place: boolean }): StoredFigure[] {
  return storedLikePlans(f, opts).flatMap(({ lookups, limit }) => {
    const rows = lookups.flatMap((q) => (prepared(db, q.sql).raw().all(...q.params) as unknown[][]).map(storedOf));
    if (lookups.length === 1) return rows;
    // Several look-ups of one set: their union, the first `limit` in id order.
    return [...new Map(rows.map((r) => [r.id, r])).values()].sort((a, b) => a.id - b.id).slice(0, limit);
  });
}

export interface Lookup {
  sql: string;
  params: unknown[];
}

/**
 * The sets storedLike reads, in order, each the first `limit` latest figures in id order of the
 * union of its look-ups. In one of the province's keys as written or today: with a metric,
 * figures_measure drives and covers the query; without one, each key is an index equality walked
 * in id order on province_key and on place_key (current, else as written) — a current_key is in
 * the keys exactly when the place_key is, or the figure has none and its province_key is.
 */
export function storedLikePlans(f: Figure, opts: { strict: boolean; place: boolean }): { lookups: Lookup[]; limit: number }[] {
  const base: Condition[] = [['f.kind = ?', f.kind], ['f.unit = ?', f.unit]];
  const measure = opts.strict && f.metric !== null && f.metric !== 'other';
  if (measure) base.push(['f.metric = ?', f.metric]);
  if (opts.strict && f.program !== null) base.push(['f.program = ?', f.program]);
  // As written or as today's province: "Thái Nguyên" finds a 2024 Bắc Kạn report's figures.
  const keys = opts.place && f.location ? provinceKeys(f.location.province) : null;
  const limit = opts.strict ? MAX_ROWS.strict : MAX_ROWS.wide;
  // The planner would take the programme's index (the sort index of the page) for figures_measure.
  const from = measure ? STORED_FROM.replace('figures f', 'figures f INDEXED BY figures_measure') : STORED_FROM;
  const lookup = (conds: Condition[]): Lookup => ({
    sql: `SELECT ${STORED_SQL} FROM ${from} WHERE ${['d.latest = 1', ...conds.map((c) => c[0])].join(' AND ')} ORDER BY f.id LIMIT ${limit}`,
    params: conds.flatMap((c) => c.slice(1)),
  });
  const set = (...extra: Condition[]) => {
    const all = [...base, ...extra];
    if (!keys) return { lookups: [lookup(all)], limit };
    const list = keys.map(() => '?').join(', ');
    // Unary +: no place index may drive (their union would need sorting); figures_measure covers it.
    if (measure) return { lookups: [lookup([...all, [`(+f.province_key IN (${list}) OR +f.current_key IN (${list}))`, ...keys, ...keys]])], limit };
    return { lookups: keys.flatMap((k) => ['f.province_key', 'f.place_key'].map((column) => lookup([...all, [`${column} = ?`, k]]))), limit };
  };
  const year = f.year ?? (f.asOf ? Number(f.asOf.slice(0, 4)) : null);
  if (!opts.strict || year === null) return [set()];
  // The claim's year, or no year but a date in it (the caller compares dates exactly): two
  // look-ups, each an equality on the index; an OR of them would use neither.
  return [set(['f.year = ?', year]), set(['f.year IS NULL'], ['f.as_of LIKE ?', `${year}-%`])];
}

/** Figures first (CROSS JOIN keeps them the outer loop: a figures index drives, never documents). */
const STORED_COLUMNS = {
  source: 's.uri', published: 'd.published', ingestedAt: 'd.ingested_at', id: 'f.id', kind: 'f.kind', text: 'f.text', value: 'f.value',
  unit: 'f.unit', per: 'f.per', rangeTo: 'f.range_to', qualifier: 'f.qualifier', metric: 'f.metric', rateKind: 'f.rate_kind',
  program: 'f.program', project: 'f.project', fund: 'f.fund', capital: 'f.capital', asOf: 'f.as_of', year: 'f.year',
  provinceKey: 'f.province_key', currentKey: 'f.current_key', districtKey: 'f.district_key',
} as const satisfies Record<keyof StoredFigure, string>;
const STORED_NAMES = Object.keys(STORED_COLUMNS) as (keyof StoredFigure)[];
const STORED_SQL = Object.values(STORED_COLUMNS).join(', ');
/** Thousands of candidates: read as arrays, which better-sqlite3 builds faster than objects. */
const storedOf = (r: unknown[]) => Object.fromEntries(STORED_NAMES.map((k, i) => [k, r[i]])) as StoredFigure;
const STORED_FROM = 'figures f CROSS JOIN documents d ON d.id = f.document_id CROSS JOIN sources s ON s.id = d.source_id';

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
