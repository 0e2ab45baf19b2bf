// `solieu query` filters -> SQL over the latest document versions, each row with its citation.
import { KINDS, METRICS, PROGRAMS } from '../contract/schema.ts';
import type { Db } from './db.ts';
import { placeKey } from './fold.ts';
import { toFtsQuery } from './fts.ts';
import { provinceKeys } from './places.ts';
import { FIGURE_ROW_FROM, FIGURE_ROW_SQL, LATEST_ONLY, rowFromSql, type FigureRowOut, type FigureRowSql } from './figure-row.ts';

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
  limit?: number;
}

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
  if (filter.metric) add('f.metric = ?', filter.metric);
  if (filter.kind) add('f.kind = ?', filter.kind);
  if (filter.year !== undefined) add('(f.year = ? OR (f.year IS NULL AND substr(f.as_of, 1, 4) = ?))', filter.year, String(filter.year));
  if (filter.asOfFrom) add('f.as_of >= ?', filter.asOfFrom);
  if (filter.asOfTo) add('f.as_of <= ?', filter.asOfTo);
  if (filter.min !== undefined) add('f.value >= ?', filter.min);
  if (filter.max !== undefined) add('f.value <= ?', filter.max);
  if (filter.unit !== undefined) add('f.unit = ?', filter.unit);
  if (filter.topLevel) add('f.part_of IS NULL');
  if (filter.text !== undefined) {
    const match = toFtsQuery(filter.text);
    // Nothing searchable (only punctuation): nothing can match.
    if (match === null) add('0');
    else add('f.citation_id IN (SELECT rowid FROM citations_fts WHERE citations_fts MATCH ?)', match);
  }
  // Pick the ids first and join the wide columns (quote, title…) for those rows only: sorting
  // the matches of a broad filter then moves integers, not sentences. Figures are stored in
  // document order, so id order is document, then position.
  const ids =
    `SELECT f.id FROM figures f JOIN documents d ON d.id = f.document_id` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    ` ORDER BY f.id` +
    (filter.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(filter.limit))}` : '');
  const sql = `SELECT ${FIGURE_ROW_SQL} FROM ${FIGURE_ROW_FROM} WHERE f.id IN (${ids}) ORDER BY f.id`;
  return { sql, params };
}

export function queryFigures(db: Db, filter: FigureFilter): FigureRowOut[] {
  const { sql, params } = buildFigureQuery(filter);
  return (db.prepare(sql).all(...params) as FigureRowSql[]).map(rowFromSql);
}

/** Streams rows (exports of a large store do not hold them all in memory). */
export function* iterateFigures(db: Db, filter: FigureFilter): Generator<FigureRowOut> {
  const { sql, params } = buildFigureQuery(filter);
  for (const r of db.prepare(sql).iterate(...params) as IterableIterator<FigureRowSql>) yield rowFromSql(r);
}
