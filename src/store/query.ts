// `solieu query` filters -> SQL over the latest document versions, each row with its citation.
// Each query is planned so that one index (or the full-text index) drives it and the LIMIT stops
// the walk: an equality on an index lists a value's figures in id order, so `ORDER BY f.id LIMIT n`
// reads n matches, not all of them. When several filters could drive, a count capped at CAP picks
// the most selective; the others only filter (unary `+` keeps the planner off their indexes, and
// CROSS JOIN keeps figures the outer loop). tests/store-plans.test.ts checks the plans.
import { KINDS, METRICS, PROGRAMS } from '../contract/schema.ts';
import type { Db } from './db.ts';
import { placeKey } from './fold.ts';
import { toFtsQuery } from './fts.ts';
import { isCurrentProvince, provinceKeys } from './places.ts';
import { FIGURE_ROW_FROM, FIGURE_ROW_SQL, type FigureRowOut } from './figure-row.ts';
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
  /** Include superseded document versions. */
  allVersions?: boolean;
  limit?: number;
}

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
function provinceTerm(name: string): Term {
  const keys = provinceKeys(name);
  const today = keys.find(isCurrentProvince);
  if (today !== undefined) return eq('f.place_key', today);
  if (keys.length === 1) return eq('f.province_key', keys[0]);
  return { expr: 'f.province_key', test: `IN (${keys.map(() => '?').join(', ')})`, params: keys, index: 'unordered' };
}

/** "Dự án 5" also finds its sub-projects ("Tiểu dự án 1 Dự án 5"); a sub-project finds itself. */
function projectTerm(project: string): Term {
  return project.includes(' Dự án ') ? eq('f.project', project) : eq(PROJECT_ROOT, project);
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
    filter.district ? eq('f.district_key', placeKey(filter.district)) : null,
    filter.project ? projectTerm(filter.project) : null,
    filter.province ? provinceTerm(filter.province) : null,
    filter.year !== undefined ? eq(YEAR_OF, filter.year) : null,
    filter.metric ? eq('f.metric', filter.metric) : null,
    filter.program ? eq('f.program', filter.program) : null,
    // Three values, no index: a filter only.
    filter.kind ? { expr: 'f.kind', test: '= ?', params: [filter.kind] } : null,
    range('f.as_of', filter.asOfFrom, filter.asOfTo),
    range('f.value', filter.min, filter.max),
  ];
  return terms.filter((t): t is Term => t !== null);
}

/** Counts stop here: past it a filter is broad and the static order decides. */
const CAP = 1000;

export interface FigureQuery {
  sql: string;
  params: unknown[];
  /** What drives the query: an index's expression, 'fts', or 'scan' (figures in id order). */
  driver: string;
}

export function planFigureQuery(db: Db, filter: FigureFilter): FigureQuery {
  const terms = termsOf(filter);
  const match = filter.text === undefined ? undefined : toFtsQuery(filter.text);
  const count = (sql: string, params: unknown[]) => prepared(db, `SELECT count(*) FROM (${sql} LIMIT ${CAP})`).pluck().get(...params) as number;
  // Ranges drive only when no equality can: they need a sort, and equalities are in id order.
  const ordered = terms.filter((t) => t.index === 'ordered');
  const candidates = ordered.length ? ordered : terms.filter((t) => t.index === 'unordered');
  let driver: Term | 'fts' | null = candidates[0] ?? null;
  if (match && candidates.length === 0) driver = 'fts';
  else if (match || candidates.length > 1) {
    const sizes = candidates.map((t) => count(`SELECT 1 FROM figures f WHERE ${t.expr} ${t.test}`, t.params));
    let best = sizes.indexOf(Math.min(...sizes));
    if (match && count('SELECT 1 FROM citations_fts WHERE citations_fts MATCH ?', [match]) < sizes[best]) best = -1;
    driver = best === -1 ? 'fts' : candidates[best];
    // A broad range alone reads fewer rows by walking figures in id order than by sorting its matches.
    if (driver !== 'fts' && driver.index === 'unordered' && sizes[best] >= CAP) driver = null;
  } else if (driver && driver.index === 'unordered' && count(`SELECT 1 FROM figures f WHERE ${driver.expr} ${driver.test}`, driver.params) >= CAP)
    driver = null;

  const where: string[] = ['d.id = f.document_id'];
  const params: unknown[] = [];
  if (!filter.allVersions) where.push('d.latest = 1');
  for (const t of terms) {
    where.push(t === driver ? `${t.expr} ${t.test}` : `+${t.expr} ${t.test}`);
    params.push(...t.params);
  }
  // Nothing searchable (only punctuation): nothing can match.
  if (match === null) where.push('0');
  const limit = filter.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(filter.limit))}`;
  let ids: string;
  if (driver === 'fts') {
    // The full-text index lists citations in rowid order (ORDER BY on its rowid alone is what it
    // can serve) and each citation's figures follow in id order (figures_citation); figures are
    // stored in document order, so that is id order (tests/store-plans.test.ts checks it).
    ids =
      `SELECT f.id FROM citations_fts t CROSS JOIN figures f CROSS JOIN documents d ` +
      `WHERE t.citations_fts MATCH ? AND f.citation_id = t.rowid AND ${where.join(' AND ')}` +
      (limit ? ` ORDER BY t.rowid${limit}` : '');
    params.unshift(match);
  } else {
    if (match) {
      where.push('EXISTS (SELECT 1 FROM citations_fts t WHERE t.citations_fts MATCH ? AND t.rowid = f.citation_id)');
      params.push(match);
    }
    ids = `SELECT f.id FROM figures f CROSS JOIN documents d WHERE ${where.join(' AND ')}` + (limit ? ` ORDER BY f.id${limit}` : '');
  }
  // Pick the ids first and join the wide columns (quote, title…) for those rows only.
  const sql = `SELECT ${FIGURE_ROW_SQL} FROM ${FIGURE_ROW_FROM} WHERE f.id IN (${ids}) ORDER BY f.id`;
  return { sql, params, driver: driver === null ? 'scan' : driver === 'fts' ? 'fts' : driver.expr };
}

export function queryFigures(db: Db, filter: FigureFilter): FigureRowOut[] {
  const { sql, params } = planFigureQuery(db, filter);
  return prepared(db, sql).all(...params) as FigureRowOut[];
}

/** Streams rows (exports of a large store do not hold them all in memory). */
export function iterateFigures(db: Db, filter: FigureFilter): IterableIterator<FigureRowOut> {
  const { sql, params } = planFigureQuery(db, filter);
  return db.prepare(sql).iterate(...params) as IterableIterator<FigureRowOut>;
}
