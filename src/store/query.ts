// `solieu query` filters -> SQL over the latest document versions, each row with its citation.
import { KINDS, METRICS, PROGRAMS } from '../contract/schema.ts';
import type { Db } from './db.ts';
import { placeKey } from './fold.ts';
import { toFtsQuery } from './fts.ts';
import { provinceKeys } from './places.ts';
import { FIGURE_ROW_FROM, FIGURE_ROW_SQL, LATEST_ONLY, type FigureRowOut } from './figure-row.ts';

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
  /** One stored document version (store id). */
  document?: number;
  limit?: number;
  /** Rows to skip before the limit (paging). */
  offset?: number;
  /** Order other than document order; ties keep document order. */
  sort?: { by: FigureSort; desc: boolean };
}

/** Sortable columns -> SQL (whitelisted: the column names never come from input). */
export const FIGURE_SORTS = { value: 'f.value', date: 'coalesce(f.as_of, f.year)', province: 'f.province_key', metric: 'f.metric', program: 'f.program' } as const;
export type FigureSort = keyof typeof FIGURE_SORTS;

export function buildFigureQuery(filter: FigureFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (!filter.allVersions) add(LATEST_ONLY);
  // A province matches as written or as today's province, so "Bắc Kạn" and "Thái Nguyên" both
  // find a 2024 Bắc Kạn report's figures.
  if (filter.province) {
    const keys = provinceKeys(filter.province);
    const list = keys.map(() => '?').join(', ');
    add(`(f.province_key IN (${list}) OR f.current_key IN (${list}))`, ...keys, ...keys);
  }
  if (filter.district) add('f.district_key = ?', placeKey(filter.district));
  if (filter.program) add('f.program = ?', filter.program);
  // "Dự án 5" also finds its sub-projects ("Tiểu dự án 1 Dự án 5").
  if (filter.project) add(`(f.project = ? OR f.project LIKE '% ' || ?)`, filter.project, filter.project);
  if (filter.document !== undefined) add('f.document_id = ?', filter.document);
  if (filter.metric) add('f.metric = ?', filter.metric);
  if (filter.kind) add('f.kind = ?', filter.kind);
  if (filter.year !== undefined) add('(f.year = ? OR (f.year IS NULL AND substr(f.as_of, 1, 4) = ?))', filter.year, String(filter.year));
  if (filter.asOfFrom) add('f.as_of >= ?', filter.asOfFrom);
  if (filter.asOfTo) add('f.as_of <= ?', filter.asOfTo);
  if (filter.min !== undefined) add('f.value >= ?', filter.min);
  if (filter.max !== undefined) add('f.value <= ?', filter.max);
  if (filter.text !== undefined) {
    const match = toFtsQuery(filter.text);
    // Nothing searchable (only punctuation): nothing can match.
    if (match === null) add('0');
    else add('f.citation_id IN (SELECT rowid FROM citations_fts WHERE citations_fts MATCH ?)', match);
  }
  // Pick the ids first and join the wide columns (quote, title…) for those rows only: sorting
  // the matches of a broad filter then moves integers, not sentences. Figures are stored in
  // document order, so id order is document, then position.
  const order = (filter.sort ? `${FIGURE_SORTS[filter.sort.by]}${filter.sort.desc ? ' DESC' : ''}, ` : '') + 'f.id';
  const offset = filter.offset ? Math.max(0, Math.floor(filter.offset)) : 0;
  // CROSS JOIN keeps figures the outer loop: SQLite otherwise scans documents first and sorts
  // every figure by id before the LIMIT (160 ms for the first page of a million figures).
  const ids =
    `SELECT f.id FROM figures f CROSS JOIN documents d ON d.id = f.document_id` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    ` ORDER BY ${order}` +
    (filter.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(filter.limit))}` : offset ? ' LIMIT -1' : '') +
    (offset ? ` OFFSET ${offset}` : '');
  const sql = `SELECT ${FIGURE_ROW_SQL} FROM ${FIGURE_ROW_FROM} WHERE f.id IN (${ids}) ORDER BY ${order}`;
  return { sql, params };
}

export function queryFigures(db: Db, filter: FigureFilter): FigureRowOut[] {
  const { sql, params } = buildFigureQuery(filter);
  return db.prepare(sql).all(...params) as FigureRowOut[];
}

/** Streams rows (exports of a large store do not hold them all in memory). */
export function iterateFigures(db: Db, filter: FigureFilter): IterableIterator<FigureRowOut> {
  const { sql, params } = buildFigureQuery(filter);
  return db.prepare(sql).iterate(...params) as IterableIterator<FigureRowOut>;
}
