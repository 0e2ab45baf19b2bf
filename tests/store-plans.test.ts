// The query planner's side of `solieu query`: every query shape is driven by an index (or the
// full-text index) with the LIMIT applied there, never by sorting all matches, and the rows are
// those of the plain reading of the filter (written out below as one SQL statement, the way
// query.ts built it before it planned its queries).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDb, type Db } from '../src/store/db.ts';
import { ingestFiles, refreshStatistics } from '../src/store/ingest.ts';
import { listInputs } from '../src/store/inputs.ts';
import { FIGURE_SORTS, planFigureQuery, queryFigures, type FigureFilter, type FigureSort } from '../src/store/query.ts';
import { readClaim } from '../src/check/claim.ts';
import { storedLikePlans } from '../src/check/stored.ts';
import { PROVINCE_TOTALS_SQL } from '../src/web/chart.ts';
import { KEY_MEMBERS_SQL } from '../src/store/figures.ts';
import { provinceKeys } from '../src/store/places.ts';
import { placeKey } from '../src/store/fold.ts';
import { toFtsQuery } from '../src/store/fts.ts';
import { fill } from '../scripts/bench-store.ts';

let dir: string;
let db: Db;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'solieu-plans-'));
  db = openDb(join(dir, 'plans.sqlite'));
  // Real documents (seeds and passages through the pipeline), then synthetic bulk.
  const files = listInputs([resolve('../shared/seeds'), resolve('corpus/passages')]).inputs;
  const outcomes = await ingestFiles(db, files);
  expect(outcomes.filter((o) => o.status === 'failed')).toEqual([]);
  fill(db, 30_000);
  refreshStatistics(db);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The filter read plainly: ORs across columns, LIKE for sub-projects, FTS as an IN list. */
function plainRows(filter: FigureFilter): string[] {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => (where.push(clause), params.push(...values));
  if (!filter.allVersions) add('d.latest = 1');
  if (filter.province) {
    const keys = provinceKeys(filter.province);
    const list = keys.map(() => '?').join(', ');
    add(`(f.province_key IN (${list}) OR f.current_key IN (${list}))`, ...keys, ...keys);
  }
  if (filter.district) add('f.district_key = ?', placeKey(filter.district));
  if (filter.program) add('f.program = ?', filter.program);
  if (filter.project) add(`(f.project = ? OR f.project LIKE '% ' || ?)`, filter.project, filter.project);
  if (filter.metric) add('f.metric = ?', filter.metric);
  if (filter.kind) add('f.kind = ?', filter.kind);
  if (filter.year !== undefined) add('(f.year = ? OR (f.year IS NULL AND substr(f.as_of, 1, 4) = ?))', filter.year, String(filter.year));
  if (filter.asOfFrom) add('f.as_of >= ?', filter.asOfFrom);
  if (filter.asOfTo) add('f.as_of <= ?', filter.asOfTo);
  if (filter.min !== undefined) add('f.value >= ?', filter.min);
  if (filter.max !== undefined) add('f.value <= ?', filter.max);
  if (filter.text !== undefined) {
    const match = toFtsQuery(filter.text);
    if (match === null) add('0');
    else add('f.citation_id IN (SELECT rowid FROM citations_fts WHERE citations_fts MATCH ?)', match);
  }
  const sort = filter.sort ? `${FIGURE_SORTS[filter.sort.by]}${filter.sort.desc ? ' DESC, f.id DESC' : ', f.id'}` : 'f.id';
  const sql =
    `SELECT s.uri || ' v' || d.version || ' ' || f.fid FROM figures f JOIN documents d ON d.id = f.document_id JOIN sources s ON s.id = d.source_id` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    ` ORDER BY ${sort}` +
    (filter.limit !== undefined ? ` LIMIT ${filter.limit}` : filter.offset ? ' LIMIT -1' : '') +
    (filter.offset ? ` OFFSET ${filter.offset}` : '');
  return db.prepare(sql).pluck().all(...params) as string[];
}

const rows = (filter: FigureFilter) => queryFigures(db, filter).map((r) => `${r.source} v${r.version} ${r.figure}`);

/** Paged shapes the CLI and the web page send, with the index expected to drive each. */
const SHAPES: [string, FigureFilter, string][] = [
  ['today’s province', { province: 'Thái Nguyên' }, 'figures_place'],
  ['former province', { province: 'Bắc Kạn' }, 'figures_province'],
  ['district', { district: 'Mường Nhé' }, 'figures_district'],
  ['programme', { program: 'gnbv' }, 'SCAN f'],
  ['metric', { metric: 'disbursed' }, 'figures_metric'],
  ['project with sub-projects', { project: 'Dự án 5' }, 'figures_project_root'],
  ['sub-project', { project: 'Tiểu dự án 1 Dự án 9' }, 'figures_project_root'],
  ['year', { year: 2024 }, 'figures_year_of'],
  ['province, programme, metric', { province: 'Lào Cai', program: 'dtts', metric: 'allocated' }, 'figures_place'],
  ['year and value range', { year: 2023, min: 1e11, max: 1.5e11 }, 'figures_year_of'],
  ['project and date range', { project: 'Dự án 3', asOfFrom: '2023-01-01', asOfTo: '2023-12-31' }, 'figures_project_root'],
  ['district and kind', { district: 'Trần Đề', kind: 'money' }, 'figures_district'],
  ['free text', { text: 'Mường Nhé giải ngân' }, 'SCAN t VIRTUAL TABLE'],
  ['province and text', { province: 'Điện Biên', text: 'giai ngan' }, 'figures_place'],
  ['everything', {}, 'SCAN f'],
];

/** The page's sort columns and the index each walks when the filter is broad. */
const SORT_INDEXES: [FigureSort, string][] = [
  ['value', 'figures_value'],
  ['date', 'figures_date'],
  ['province', 'figures_province'],
  ['metric', 'figures_metric'],
  ['program', 'figures_program'],
];
const SORTED: [string, FigureFilter, string][] = SORT_INDEXES.flatMap(([by, index]) =>
  [false, true].flatMap((desc): [string, FigureFilter, string][] => [
    [`everything by ${by}${desc ? ' desc' : ''}`, { sort: { by, desc }, offset: 100 }, index],
    ...(by === 'province' ? [] : ([[`today’s province by ${by}${desc ? ' desc' : ''}`, { province: 'Thái Nguyên', sort: { by, desc } }, index]] as [string, FigureFilter, string][])),
    [`metric and value range by ${by}${desc ? ' desc' : ''}`, { metric: 'allocated', min: 1e9, sort: { by, desc } }, index],
  ]),
);

const planOf = (sql: string, params: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);

/** The steps of the subquery of ids (the outer query then sorts the page's rows it picked). */
function idsPlan(sql: string, params: unknown[]): string[] {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { id: number; parent: number; detail: string }[];
  const inside = new Set(rows.filter((r) => r.detail.startsWith('LIST SUBQUERY')).map((r) => r.id));
  for (const r of rows) if (inside.has(r.parent)) inside.add(r.id);
  return rows.filter((r) => inside.has(r.parent)).map((r) => r.detail);
}

describe('query plans', () => {
  it.each(SORTED)('sorted page, %s: walks the sort index and stops at the page', (_name, filter, index) => {
    const { sql, params, driver } = planFigureQuery(db, { ...filter, limit: 51 });
    expect(driver).toBe('sort');
    const plan = idsPlan(sql, params);
    expect(plan.join('\n')).not.toContain('TEMP B-TREE');
    expect(plan[0]).toMatch(new RegExp(`^SCAN f USING INDEX ${index}\\b`));
  });

  it.each([
    ['today’s province', 'Thái Nguyên', 'figures_place_province (<expr>=?)'],
    ['former province', 'Bắc Kạn', 'figures_province (province_key=?)'],
  ])('%s sorted by province: walks the place’s index in province order and stops at the page', (_name, province, index) => {
    for (const desc of [false, true]) {
      const { sql, params, driver } = planFigureQuery(db, { province, sort: { by: 'province', desc }, limit: 51 });
      expect(driver).not.toBe('sort');
      const plan = idsPlan(sql, params);
      expect(plan.join('\n')).not.toContain('TEMP B-TREE');
      expect(plan[0]).toBe(`SEARCH f USING INDEX ${index}`);
    }
  });

  it('sorts the matches of a narrow filter (one document) rather than walking a sort index', () => {
    const { sql, params, driver } = planFigureQuery(db, { document: 1, sort: { by: 'value', desc: true }, limit: 51 });
    expect(driver).toBe('f.document_id');
    expect(idsPlan(sql, params)[0]).toMatch(/^SEARCH f USING INDEX sqlite_autoindex_figures_1 \(document_id=\?\)/);
  });

  it('looks a claim up through figures_measure (covering) or a place index walked in id order', () => {
    const claims = ['Năm 2024 tỉnh Điện Biên giải ngân 275 tỷ đồng vốn Chương trình MTQG 1719', 'Bắc Kạn đã giao 120 tỷ đồng vốn giảm nghèo bền vững năm 2023', 'Lai Châu có 500 tỷ đồng'];
    let covering = 0;
    for (const claim of claims)
      for (const { figure } of readClaim(claim).figures)
        for (const opts of [{ strict: true, place: true }, { strict: false, place: true }, { strict: true, place: false }])
          for (const { lookups } of storedLikePlans(figure, opts))
            for (const { sql, params } of lookups) {
              const plan = planOf(sql, params).join('\n');
              // Neither a measure nor a place (a claim without either): figures walked in id order.
              if (!/f\.metric = |_key = |_key IN /.test(sql)) {
                expect(plan, sql).toMatch(/^SCAN f\n/);
                expect(plan).not.toContain('TEMP B-TREE');
                continue;
              }
              expect(plan, sql).toMatch(/^SEARCH f USING (COVERING INDEX figures_measure|INDEX figures_province|INDEX figures_place) /);
              expect(plan).not.toMatch(/SCAN (f|d|documents)\b/);
              if (plan.includes('COVERING INDEX figures_measure')) covering++;
              // In id order from an equality, except the covering look-up's matches (one measure's).
              if (!plan.includes('figures_measure')) expect(plan).not.toContain('TEMP B-TREE');
            }
    expect(covering).toBeGreaterThan(2);
  });

  it("reads a cross-document key's figures from its index alone, in the order the check groups them", () => {
    const plan = planOf(KEY_MEMBERS_SQL, ['x']).join('\n');
    expect(plan).toMatch(/^SEARCH f USING COVERING INDEX figures_cross \(cross_key=\?\)/);
    expect(plan).not.toContain('TEMP B-TREE');
  });

  it('reads the chart’s province totals through their partial index', () => {
    const plan = planOf(PROVINCE_TOTALS_SQL, ['dtts']).join('\n');
    expect(plan).toMatch(/^SEARCH f USING INDEX figures_province_totals \(program=\?/);
    expect(plan).not.toMatch(/SCAN (f|d)\b/);
  });

  it.each(SHAPES)('%s: driven by its index, no sort of all matches', (_name, filter, index) => {
    const { sql, params, words } = planFigureQuery(db, { ...filter, limit: 50 });
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
    expect(plan.join('\n')).not.toContain('USE TEMP B-TREE FOR ORDER BY');
    // The driving step: the first of the subquery of ids, or of the walk over candidates (a
    // plan with search words checks them on each candidate and stops at the limit).
    const first = (words ? plan[0] : plan[plan.findIndex((d) => d.startsWith('LIST SUBQUERY')) + 1]) ?? '';
    // The whole name: figures_place is not figures_place_province (whose entries are not in id order).
    expect(first).toMatch(new RegExp(`${index}( |$)`));
    expect(plan.join('\n')).not.toMatch(/SCAN d\b|SCAN documents|BLOOM/);
  });

  it('gives the rows of the plain reading of each filter, paged and whole', () => {
    const filters: FigureFilter[] = [
      ...SHAPES.map(([, f]) => f),
      { province: 'Bắc Cạn' },
      { province: 'thai nguyen', kind: 'percent' },
      { province: 'Hà Giang', year: 2022, metric: 'disbursed' },
      { province: 'Nowhere' },
      { district: 'Chợ Đồn', program: 'ntm' },
      { project: 'Dự án 9', program: 'dtts' },
      { project: 'Nội dung thành phần số 1' },
      { year: 2025, kind: 'money', min: 5e11 },
      { min: 1e12, max: 1.0001e12 },
      { min: 1e5 },
      { asOfFrom: '2024-06-30', asOfTo: '2024-06-30' },
      { text: 'nông thôn mới', year: 2023 },
      { text: 'hộ nghèo', province: 'Lai Châu' },
      { text: '((( "' },
      { text: 'giai ngan', min: 1e9, max: 5e9 },
      { metric: 'allocated', program: 'gnbv', allVersions: true },
      ...SORTED.map(([, f]) => f),
      { province: 'Thái Nguyên', sort: { by: 'province', desc: true } },
      { province: 'Thái Nguyên', sort: { by: 'province', desc: false }, offset: 60 },
      { province: 'Bắc Kạn', sort: { by: 'province', desc: true } },
      { district: 'Mường Nhé', sort: { by: 'value', desc: false } },
    ];
    let nonEmpty = 0;
    for (const filter of filters)
      for (const limit of [50, 3, undefined]) {
        const f = { ...filter, limit };
        const expected = plainRows(f);
        expect(rows(f), JSON.stringify(f)).toEqual(expected);
        if (expected.length) nonEmpty++;
      }
    expect(nonEmpty).toBeGreaterThan(40);
    expect(queryFigures(db, { province: 'Thái Nguyên', limit: 5 }).map((r) => r.current)).toEqual(Array(5).fill('Thái Nguyên'));
  });

  it('a province whose first figures lack the search words: the walk stops early and the full-text index gives the same rows', () => {
    const filter: FigureFilter = { province: 'Lai Châu', text: 'hộ nghèo', limit: 50 };
    const expected = plainRows(filter);
    expect(expected).toHaveLength(50);
    // Fewer than 50 matches among the entries a walk reads (query.ts WALK = 500), out of more:
    // the walk alone would read on through the province's bulk figures.
    const inWalk = db
      .prepare(
        `SELECT count(*) FROM (SELECT citation_id FROM figures WHERE place_key = 'lai chau' ORDER BY id LIMIT 500) w
         WHERE w.citation_id IN (SELECT rowid FROM citations_fts WHERE citations_fts MATCH ?)`,
      )
      .pluck()
      .get(toFtsQuery('hộ nghèo')) as number;
    expect(inWalk).toBeLessThan(50);
    expect(db.prepare("SELECT count(*) FROM figures WHERE place_key = 'lai chau'").pluck().get()).toBeGreaterThan(500);
    expect(rows(filter)).toEqual(expected);
  });

  it('stores figures in sentence order, so citation order is id order (the full-text plan relies on it)', () => {
    const backwards = db
      .prepare('SELECT count(*) FROM figures a JOIN figures b ON b.id = a.id + 1 WHERE b.citation_id < a.citation_id')
      .pluck()
      .get();
    expect(backwards).toBe(0);
  });
});
