// Stored figures a claim figure may be checked against, with their citations and the audit
// findings on them. Only the latest version of each document counts.
import type { Figure } from '../contract/schema.ts';
import type { Db } from '../store/db.ts';
import { provinceKeys } from '../store/places.ts';
import { placeKey } from '../store/fold.ts';
import { CLOSEST, nearest } from './verdict.ts';
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
  /** Dimensions in which it measures something other than the claim figure it was looked up for. */
  differs: Dimension[];
};

/** The dimensions a stored figure may differ from a claim figure in, in the order verdicts list them. */
export const DIMENSIONS = ['unit', 'metric', 'rate', 'programme', 'province', 'district', 'project', 'capital', 'fund', 'date'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface StoredFinding {
  id: number;
  rule: string;
  message: string;
}

/** Figures read per look-up: the same measure rarely has more; a wider look ranks only a sample. */
const MAX_ROWS = { strict: 2000, wide: 500 };

type Condition = [sql: string, ...params: unknown[]];

/**
 * Figures of the same kind and unit (and place, metric and programme when `strict`), each with
 * the dimensions it differs from `f` in: of each set, every figure of the same measure and the
 * CLOSEST nearest others, which are all a verdict can cite of it (verdict.ts judge). The
 * differences are computed in SQL over the indexed columns, so only the rows kept are read whole.
 * Each look-up is index-driven (storedLikePlans); tests/store-plans.test.ts checks the plans.
 */
export function storedLike(db: Db, f: Figure, opts: { strict: boolean; place: boolean }): StoredFigure[] {
  const kept = storedLikePlans(f, opts).flatMap(({ lookups, limit }) => {
    let rows = lookups.flatMap((q) => (prepared(db, q.sql).raw().all(...q.params) as Candidate[]).map(candidateOf));
    // Several look-ups of one set: their union, the first `limit` in id order.
    if (lookups.length > 1) rows = [...new Map(rows.map((r) => [r.id, r])).values()].sort((a, b) => a.id - b.id).slice(0, limit);
    const near = new Set(nearest(rows.filter((r) => r.differs.length > 0), f.value, CLOSEST));
    // In id order, as the set lists them (verdicts break ties by that order).
    return rows.filter((r) => r.differs.length === 0 || near.has(r));
  });
  if (!kept.length) return [];
  const whole = new Map(
    (prepared(db, `SELECT ${STORED_SQL} FROM ${STORED_FROM} WHERE f.id IN (SELECT value FROM json_each(?))`).raw().all(JSON.stringify(kept.map((r) => r.id))) as unknown[][]).map(
      (r) => [r[STORED_ID] as number, r],
    ),
  );
  return kept.map((r) => storedOf(whole.get(r.id)!, r.differs));
}

/** A look-up's row: id, value and the bitmask of DIMENSIONS differing (differsOf). */
type Candidate = [id: number, value: number, mask: number];
const candidateOf = ([id, value, mask]: Candidate) => ({ id, value, differs: DIMENSIONS.filter((_, i) => mask & (1 << i)) });

/**
 * SQL over the row `f`: the bitmask of the DIMENSIONS in which it measures something other than
 * the claim figure `c` (bit i: DIMENSIONS[i]), with its parameters.
 */
export function differsOf(c: Figure): Condition {
  const province = placeKey(c.location?.province);
  const storedYear = "coalesce(f.year, CASE WHEN f.as_of <> '' THEN CAST(substr(f.as_of, 1, 4) AS INTEGER) END)";
  const byYear: Condition = c.year === null ? ['0'] : [`? IS NOT ${storedYear}`, c.year];
  const tests: Record<Dimension, Condition> = {
    unit: ['(f.kind IS NOT ? OR f.unit IS NOT ? OR f.per IS NOT ?)', c.kind, c.unit, c.per],
    metric: c.metric !== null && c.metric !== 'other' ? ['f.metric IS NOT ?', c.metric] : ['0'],
    rate: c.rateKind !== null ? ['(f.rate_kind IS NOT NULL AND f.rate_kind IS NOT ?)', c.rateKind] : ['0'],
    // A claim naming no programme speaks of all of them together.
    programme: c.program === null ? ["(f.program IS NOT NULL AND f.program IS NOT 'all')"] : ['f.program IS NOT ?', c.program],
    province: province !== null ? ['(f.province_key IS NOT ? AND f.current_key IS NOT ?)', province, province] : ['0'],
    // A figure for a district, a project or one capital type is a part, not the claim's whole.
    district: ['f.district_key IS NOT ?', placeKey(c.location?.district)],
    project: ['f.project IS NOT ?', c.project],
    capital: ['f.capital IS NOT ?', c.capital],
    fund: ['f.fund IS NOT ?', c.fund],
    // The same date when both have one, else the claim's year against the figure's (its date's).
    date: c.asOf !== null ? [`CASE WHEN f.as_of IS NOT NULL THEN f.as_of IS NOT ? ELSE ${byYear[0]} END`, c.asOf, ...byYear.slice(1)] : byYear,
  };
  const parts = DIMENSIONS.map((d) => tests[d]);
  return [parts.map(([sql], i) => `(${sql}) * ${1 << i}`).join(' + '), ...parts.flatMap(([, ...params]) => params)];
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
  const from = measure ? LOOKUP_FROM.replace('figures f', 'figures f INDEXED BY figures_measure') : LOOKUP_FROM;
  const [differs, ...differsParams] = differsOf(f);
  const lookup = (conds: Condition[]): Lookup => ({
    sql: `SELECT f.id, f.value, ${differs} FROM ${from} WHERE ${['d.latest = 1', ...conds.map((c) => c[0])].join(' AND ')} ORDER BY f.id LIMIT ${limit}`,
    params: [...differsParams, ...conds.flatMap((c) => c.slice(1))],
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
} as const satisfies Record<Exclude<keyof StoredFigure, 'differs'>, string>;
const STORED_NAMES = Object.keys(STORED_COLUMNS) as (keyof typeof STORED_COLUMNS)[];
const STORED_SQL = Object.values(STORED_COLUMNS).join(', ');
const STORED_ID = STORED_NAMES.indexOf('id');
/** Read as arrays, which better-sqlite3 builds faster than objects. */
const storedOf = (r: unknown[], differs: Dimension[]) => ({ ...Object.fromEntries(STORED_NAMES.map((k, i) => [k, r[i]])), differs }) as StoredFigure;
const LOOKUP_FROM = 'figures f CROSS JOIN documents d ON d.id = f.document_id';
const STORED_FROM = `${LOOKUP_FROM} CROSS JOIN sources s ON s.id = d.source_id`;

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
