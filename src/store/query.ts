// `solieu query` filters -> SQL over the latest document versions, each row with its citation.
// Each query is planned so that one index (or the full-text index) drives it and the LIMIT stops
// the walk: an equality on an index lists a value's figures in id order, so `ORDER BY f.id LIMIT n`
// reads n matches, not all of them. When several filters could drive, a count capped at CAP picks
// the most selective; the others only filter (unary `+` keeps the planner off their indexes, and
// CROSS JOIN keeps figures the outer loop). tests/store-plans.test.ts checks the plans.
import { KINDS, METRICS, PROGRAMS } from '../contract/schema.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';
import { placeKey } from './fold.ts';
import { hasWords, searchWords, toFtsQuery } from './fts.ts';
import { isCurrentProvince, provinceKeys } from './places.ts';
import { FIGURE_ROW_FROM, FIGURE_ROW_SQL, rowFromSql, type FigureRowOut, type FigureRowSql } from './figure-row.ts';
import { prepared } from './statements.ts';

export interface FigureFilter {
  province?: string;
  district?: string;
  program?: (typeof PROGRAMS)[number];
  project?: string;
  metric?: (typeof METRICS)[number];
  kind?: (typeof KINDS)[number];
  year?: number;
  asOfFrom?: string;
  asOfTo?: string;
  min?: number;
  max?: number;
  text?: string;
  /** The figure's unit (VND, %, hộ…), from a value written with one. */
  unit?: string;
  /** Only figures that are no part of another (totals without their parts). */
  topLevel?: boolean;
  /** Include superseded document versions. */
  allVersions?: boolean;
  /** One stored document version (store id). */
  document?: number;
  limit?: number;
  /** Rows to skip before the limit (paging). */
  offset?: number;
  /** Order other than document order; ties keep document order (reversed when descending). */
  sort?: { by: FigureSort; desc: boolean };
}

/** Sortable columns -> SQL (whitelisted: the column names never come from input). */
export const FIGURE_SORTS = { value: 'f.value', date: 'coalesce(f.as_of, f.year)', province: 'f.province_key', metric: 'f.metric', program: 'f.program' } as const;
export type FigureSort = keyof typeof FIGURE_SORTS;

/** One condition on a figure row `f`: `${expr} ${test}`. */
interface Term {
  expr: string;
  test: string;
  params: unknown[];
  /** 'ordered': an equality on an index on `expr` (its entries for one value are in id order);
   *  'unordered': an index lookup whose matches need sorting (IN lists, ranges). */
  index?: 'ordered' | 'unordered';
}

/** The same expressions as the indexes of migration 2. */
export const YEAR_OF = 'coalesce(f.year, CAST(substr(f.as_of, 1, 4) AS INTEGER))';
export const PROJECT_ROOT = "substr(f.project, instr(f.project, ' Dự án ') + 1)";

const eq = (expr: string, value: unknown): Term => ({ expr, test: '= ?', params: [value], index: 'ordered' });

/** A province matches as written or as today's province, so "Bắc Kạn" and "Thái Nguyên" both find
 *  a 2024 Bắc Kạn report's figures. Today's provinces are their own current province, so a name
 *  of one is an equality on place_key (current, else as written); a former one on province_key. */
export function provinceMatch(name: string): { column: 'place_key' | 'province_key'; keys: string[] } {
  const keys = provinceKeys(name);
  const today = keys.find(isCurrentProvince);
  return today !== undefined ? { column: 'place_key', keys: [today] } : { column: 'province_key', keys };
}

/** place_key as migration 9's index writes it: today's province walked in the order of the
 *  province as written (a sort by province). */
const PLACE_SORTED = 'coalesce(f.current_key, f.province_key)';

function provinceTerm(name: string, byProvince: boolean): Term {
  const { column, keys } = provinceMatch(name);
  if (keys.length === 1) return eq(column === 'place_key' && byProvince ? PLACE_SORTED : `f.${column}`, keys[0]);
  return { expr: `f.${column}`, test: `IN (${keys.map(() => '?').join(', ')})`, params: keys, index: 'unordered' };
}

/** "Dự án 5" also finds its sub-projects ("Tiểu dự án 1 Dự án 5"); a sub-project finds itself,
 *  through its project's root (the index) and then its own name. */
function projectTerms(project: string): Term[] {
  const at = project.indexOf(' Dự án ');
  if (at === -1) return [eq(PROJECT_ROOT, project)];
  return [eq(PROJECT_ROOT, project.slice(at + 1)), { expr: 'f.project', test: '= ?', params: [project] }];
}

function range(expr: string, from: unknown, to: unknown): Term | null {
  if (from === undefined && to === undefined) return null;
  if (to === undefined) return { expr, test: '>= ?', params: [from], index: 'unordered' };
  if (from === undefined) return { expr, test: '<= ?', params: [to], index: 'unordered' };
  return { expr, test: 'BETWEEN ? AND ?', params: [from, to], index: 'unordered' };
}

/** Every filter field as terms, most selective kinds first (they win ties of the capped count).
 *  A new filter field adds its line here. */
function termsOf(filter: FigureFilter): Term[] {
  const terms: (Term | null)[] = [
    filter.document !== undefined ? eq('f.document_id', filter.document) : null,
    filter.district ? eq('f.district_key', placeKey(filter.district)) : null,
    ...(filter.project ? projectTerms(filter.project) : []),
    filter.province ? provinceTerm(filter.province, filter.sort?.by === 'province') : null,
    filter.year !== undefined ? eq(YEAR_OF, filter.year) : null,
    filter.metric ? eq('f.metric', filter.metric) : null,
    // Three values each, no index: filters only.
    filter.program ? { expr: 'f.program', test: '= ?', params: [filter.program] } : null,
    filter.kind ? { expr: 'f.kind', test: '= ?', params: [filter.kind] } : null,
    range('f.as_of', filter.asOfFrom, filter.asOfTo),
    range('f.value', filter.min, filter.max),
    filter.unit !== undefined ? { expr: 'f.unit', test: '= ?', params: [filter.unit] } : null,
    // Totals only: figures that are no part of another (summing them double-counts nothing).
    filter.topLevel ? { expr: 'f.part_of', test: 'IS NULL', params: [] } : null,
  ];
  return terms.filter((t): t is Term => t !== null);
}

/** A filter's conditions on the row `f` alone (no version or text test), for tables that have the
 *  figures' column names (the facet counts of migration 6). */
export function conditionsOf(filter: FigureFilter): { where: string; params: unknown[] } {
  const terms = termsOf(filter);
  return { where: terms.map((t) => `${t.expr} ${t.test}`).join(' AND ') || '1', params: terms.flatMap((t) => t.params) };
}

/** Counts stop here: past it a filter is broad and the static order decides. */
const CAP = 1000;

/** Entries of its index a walk with search words reads before the full-text index drives
 *  instead: two broad filters (a province, common words) can still match few rows together,
 *  which the capped counts cannot tell. Both plans give the first matches in id order. */
const WALK = 500;

export interface FigureQuery {
  /** The rows; or, with `words`, candidate ids in id order with their citation's search text. */
  sql: string;
  params: unknown[];
  /** What drives the query: an index's expression, 'fts', or 'scan' (figures in id order). */
  driver: string;
  /** Search words checked on each candidate as the full-text index would (fts.ts hasWords):
   *  an index drives and probing the full-text index row by row would cost more. */
  words?: string[];
  /** With `words`: the id of the WALK-th entry of the driving index. The last parameter of `sql`
   *  bounds the walk (unbounded in `params`); a walk for a page stops at that id. */
  walk?: { sql: string; params: unknown[] };
}

/** `fts`: the full-text index drives whatever the counts say (after a bounded walk fell short). */
export function planFigureQuery(db: Db, filter: FigureFilter, fts = false): FigureQuery {
  const terms = termsOf(filter);
  const match = filter.text === undefined ? undefined : toFtsQuery(filter.text);
  const count = (sql: string, params: unknown[]) => prepared(db, `SELECT count(*) FROM (${sql} LIMIT ${CAP})`).pluck().get(...params) as number;
  const size = (t: Term) => count(`SELECT 1 FROM figures f WHERE ${t.expr} ${t.test}`, t.params);
  /** The term with the fewest matches (counted only when there is a choice or `always`). */
  const smallest = (ts: Term[], always: boolean) => {
    if (ts.length === 1 && !always) return { term: ts[0], n: CAP };
    const sizes = ts.map(size);
    const i = sizes.indexOf(Math.min(...sizes));
    return { term: ts[i], n: sizes[i] };
  };
  const ordered = terms.filter((t) => t.index === 'ordered');
  const unordered = terms.filter((t) => t.index === 'unordered');
  let driver: Term | 'fts' | null = null;
  if (fts && match) driver = 'fts';
  else if (ordered.length) {
    // A sorted page needs to know whether its filter is narrow (see below).
    const best = smallest(ordered, (match !== undefined && match !== null) || filter.sort !== undefined);
    driver = match && count('SELECT 1 FROM citations_fts WHERE citations_fts MATCH ?', [match]) < best.n ? 'fts' : best.term;
    // A sorted page of a broad filter walks the sort column's index in order and stops at the
    // page: sorting every match (all of a province's figures) costs more than skipping the others.
    // Not the province order under a place filter: the walk would pass every other province first,
    // where the place's index serves that order (one province as written is constant under its
    // key; today's province walks figures_place_province, PLACE_SORTED).
    const placed = filter.sort?.by === 'province' && (filter.province !== undefined || filter.district !== undefined);
    if (filter.sort && match === undefined && best.n >= CAP && !placed) driver = null;
  } else if (match) driver = 'fts'; // ranges only filter: they would need a sort, FTS is in order
  else if (unordered.length) {
    const best = smallest(unordered, true);
    // A broad range reads fewer rows by walking figures (or a sort index) in order than by sorting its matches.
    driver = best.n < CAP ? best.term : null;
  }

  const where: string[] = [];
  const params: unknown[] = [];
  // A subquery, not a join: a join on documents makes the planner build a Bloom filter over all of
  // them first (milliseconds at every query), where a LIMIT 50 reads a few rows.
  if (!filter.allVersions) where.push(`(SELECT d.latest FROM documents d WHERE d.id = f.document_id) = 1`);
  for (const t of terms) {
    where.push(t === driver ? `${t.expr} ${t.test}` : `+${t.expr} ${t.test}`);
    params.push(...t.params);
  }
  // Nothing searchable (only punctuation): nothing can match.
  if (match === null) where.push('0');
  // Document order unless a sort is asked for (a sorted page of a narrow filter sorts its matches).
  const order = orderOf(filter);
  const offset = offsetOf(filter);
  const limit = (filter.limit === undefined ? (offset ? ' LIMIT -1' : '') : ` LIMIT ${Math.max(0, Math.floor(filter.limit))}`) + (offset ? ` OFFSET ${offset}` : '');
  const describe = driver === null ? (filter.sort ? 'sort' : 'scan') : driver === 'fts' ? 'fts' : driver.expr;
  if (match && driver !== 'fts') {
    // Candidates in id order with their sentence's search text; the caller stops at the limit.
    // A substring test in SQL drops most candidates before they reach JavaScript; hasWords then
    // checks whole tokens.
    const words = searchWords(filter.text!)!;
    const by = driver as Term;
    where.push('c.id = f.citation_id', ...words.map(() => 'instr(c.search, ?) > 0'), 'f.id <= ?');
    params.push(...words, Number.MAX_SAFE_INTEGER);
    const sql = `SELECT f.id, c.search FROM figures f CROSS JOIN citations c WHERE ${where.join(' AND ')} ORDER BY f.id`;
    const walk = { sql: `SELECT f.id FROM figures f WHERE ${by.expr} ${by.test} ORDER BY f.id LIMIT 1 OFFSET ${WALK - 1}`, params: by.params };
    return { sql, params, driver: describe, words, walk };
  }
  let ids: string;
  if (driver === 'fts') {
    // The full-text index lists citations in rowid order (ORDER BY on its rowid alone is what it
    // can serve) and each citation's figures follow in id order (figures_citation); figures are
    // stored in document order, so that is id order (tests/store-plans.test.ts checks it).
    ids =
      `SELECT f.id FROM citations_fts t CROSS JOIN figures f ` +
      `WHERE ${['t.citations_fts MATCH ?', 'f.citation_id = t.rowid', ...where].join(' AND ')}` +
      (filter.sort ? ` ORDER BY ${order}${limit}` : limit ? ` ORDER BY t.rowid${limit}` : '');
    params.unshift(match);
  } else ids = `SELECT f.id FROM figures f` + (where.length ? ` WHERE ${where.join(' AND ')}` : '') + (limit || filter.sort ? ` ORDER BY ${order}${limit}` : '');
  // Pick the ids first and join the wide columns (quote, title…) for those rows only.
  const sql = `SELECT ${FIGURE_ROW_SQL} FROM ${FIGURE_ROW_FROM} WHERE f.id IN (${ids}) ORDER BY ${order}`;
  return { sql, params, driver: describe };
}

/** Descending is ascending reversed, ties too (latest first): either way one index walk serves it. */
const orderOf = (filter: FigureFilter) => (filter.sort ? `${FIGURE_SORTS[filter.sort.by]}${filter.sort.desc ? ' DESC, f.id DESC' : ', f.id'}` : 'f.id');
const offsetOf = (filter: FigureFilter) => (filter.offset ? Math.max(0, Math.floor(filter.offset)) : 0);

/** Rows of candidate ids; a sort or an offset is applied here, on the matching ids only. */
function byIds(filter: FigureFilter): string {
  const offset = offsetOf(filter);
  const page = filter.sort && filter.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(filter.limit))}${offset ? ` OFFSET ${offset}` : ''}` : filter.sort && offset ? ` LIMIT -1 OFFSET ${offset}` : '';
  return `SELECT ${FIGURE_ROW_SQL} FROM ${FIGURE_ROW_FROM} WHERE f.id IN (SELECT value FROM json_each(?)) ORDER BY ${orderOf(filter)}${page}`;
}

/** How many matching ids to collect: all for a sort; past the offset otherwise. */
function wanted(filter: FigureFilter): number | undefined {
  if (filter.sort || filter.limit === undefined) return undefined;
  return offsetOf(filter) + Math.max(0, Math.floor(filter.limit));
}

/** Ids of a plan with search words, candidates walked in id order until `limit` match; null when
 *  `limit` did not match within WALK entries of the index (the full-text index drives then). */
function matchingIds(db: Db, plan: FigureQuery, limit: number | undefined): number[] | null {
  const ids: number[] = [];
  if (limit !== undefined && limit <= 0) return ids;
  const bound = limit === undefined ? undefined : (prepared(db, plan.walk!.sql).pluck().get(...plan.walk!.params) as number | undefined);
  // A sentence's figures come one after another: test each sentence once.
  let lastSearch: string | null = null;
  let has = false;
  const params = bound === undefined ? plan.params : [...plan.params.slice(0, -1), bound];
  for (const row of prepared(db, plan.sql).iterate(...params) as IterableIterator<{ id: number; search: string }>) {
    if (row.search !== lastSearch) {
      lastSearch = row.search;
      has = hasWords(row.search, plan.words!);
    }
    if (!has) continue;
    ids.push(row.id);
    if (ids.length === limit) return ids;
  }
  return bound === undefined ? ids : null;
}

/** The rows of a filter, by its plan. */
function rowsOf(db: Db, filter: FigureFilter, statement: (sql: string) => Statement): IterableIterator<FigureRowSql> {
  const plan = planFigureQuery(db, filter);
  if (!plan.words) return statement(plan.sql).iterate(...plan.params) as IterableIterator<FigureRowSql>;
  const ids = matchingIds(db, plan, wanted(filter));
  if (ids === null) {
    const fts = planFigureQuery(db, filter, true);
    return statement(fts.sql).iterate(...fts.params) as IterableIterator<FigureRowSql>;
  }
  return statement(byIds(filter)).iterate(JSON.stringify(filter.sort ? ids : ids.slice(offsetOf(filter)))) as IterableIterator<FigureRowSql>;
}

export function queryFigures(db: Db, filter: FigureFilter): FigureRowOut[] {
  return Array.from(rowsOf(db, filter, (sql) => prepared(db, sql)), rowFromSql);
}

/** Streams rows (exports of a large store do not hold them all in memory). */
export function* iterateFigures(db: Db, filter: FigureFilter): Generator<FigureRowOut> {
  // Own statements: a caller may query while an export streams.
  for (const r of rowsOf(db, filter, (sql) => db.prepare(sql))) yield rowFromSql(r);
}
