// The page's facet counts: each value's count is the number of figures the page lists when that
// value is chosen with the other choices (the figure query itself counts them), and the stored
// counts behind them (migration 6's triggers) stay equal to a recount of the latest figures after
// new versions, restored versions and re-extraction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDb, type Db } from '../src/store/db.ts';
import { ingestFiles, refreshStatistics } from '../src/store/ingest.ts';
import { listInputs } from '../src/store/inputs.ts';
import { reextractStore } from '../src/store/reextract.ts';
import { planFigureQuery, type FigureFilter } from '../src/store/query.ts';
import { facetCounts, facetsFor, type Facets } from '../src/web/facets.ts';
import { filterOf, ListParamsSchema, type ListParams } from '../src/web/params.ts';
import { fill } from '../scripts/bench-store.ts';
import { startServer } from './http-fixture.ts';

let dir: string;
let db: Db;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'solieu-facets-'));
  db = openDb(join(dir, 'facets.sqlite'));
  const files = listInputs([resolve('../shared/seeds'), resolve('corpus/passages')]).inputs;
  expect((await ingestFiles(db, files)).filter((o) => o.status === 'failed')).toEqual([]);
  fill(db, 6_000);
  refreshStatistics(db);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** How many figures the page lists for a filter (all pages). */
function listed(filter: FigureFilter): number {
  const plan = planFigureQuery(db, { ...filter, limit: undefined, offset: undefined });
  expect(plan.words).toBeUndefined();
  return db.prepare(`SELECT count(*) FROM (${plan.sql})`).pluck().get(...plan.params) as number;
}

const params = (o: Record<string, string>) => ListParamsSchema.parse(o);
const FACETS = ['province', 'current', 'program', 'project', 'metric', 'year', 'doc'] as const;
const listOf = (f: Facets, name: (typeof FACETS)[number]) => (name === 'doc' ? f.document : f[name]);

describe('facet counts', () => {
  const chosen: Record<string, string>[] = [
    {},
    { province: 'Điện Biên' },
    { current: 'Thái Nguyên', program: 'gnbv' },
    { province: 'Bắc Kạn', metric: 'disbursed', year: '2023' },
    { project: 'Dự án 5' },
    { program: 'dtts', year: '2024', kind: 'money' },
    { district: 'Mường Nhé', metric: 'allocated' },
  ];
  it.each(chosen.map((c) => [JSON.stringify(c), c]))('%s: every count is what choosing that value lists', (_name, choice) => {
    const p = params(choice);
    const facets = facetsFor(db, facetCounts(db)(), filterOf(p), p);
    expect(facets.uncounted).toEqual([]);
    let checked = 0;
    for (const name of FACETS) {
      const values = listOf(facets, name);
      expect(values.length, name).toBeGreaterThan(0);
      for (const v of values) {
        // The two province facets exclude each other; a document counts by place and programme.
        const other: Partial<ListParams> = name === 'province' ? { current: undefined } : name === 'current' ? { province: undefined } : {};
        const base: Partial<ListParams> = name === 'doc' ? { province: p.province, current: p.current, program: p.program } : p;
        const q = params(Object.fromEntries(Object.entries({ ...base, ...other, [name]: v.value, page: undefined, sort: undefined, dir: undefined, size: undefined }).filter(([, x]) => x !== undefined).map(([k, x]) => [k, String(x)])));
        expect(v.count, `${name}=${v.value}`).toBe(listed(filterOf(q)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('keeps a choice that matches nothing under the others in its list, with 0', () => {
    const p = params({ province: 'Điện Biên', year: '1999' });
    const facets = facetsFor(db, facetCounts(db)(), filterOf(p), p);
    expect(facets.year.find((v) => v.value === '1999')?.count).toBe(0);
    expect(facets.program).toEqual([]);
  });

  it('says which filters the counts do not narrow by', () => {
    const p = params({ q: 'giải ngân', min: '1 tỷ', doc: '1' });
    expect(facetsFor(db, facetCounts(db)(), filterOf(p), p).uncounted).toEqual(['search words', 'values', 'document']);
  });
});

/** The stored counts and a recount of the latest figures, each sorted (rows with n = 0 are unused). */
function storedAndRecounted(): { stored: string[]; recount: string[] }[] {
  const cols = 'province, current_province, province_key, current_key, place_key, district_key, program, project, metric, kind, year';
  const latest = 'FROM figures f JOIN documents d ON d.id = f.document_id WHERE d.latest = 1';
  const rows = (sql: string) => (db.prepare(sql).raw().all() as unknown[][]).map((r) => JSON.stringify(r)).sort();
  return [
    {
      stored: rows(`SELECT ${cols}, as_of, n FROM facet_counts WHERE n <> 0`),
      recount: rows(`SELECT ${cols.replace(/(\w+)/g, 'f.$1')}, substr(f.as_of, 1, 4), count(*) ${latest} GROUP BY ${cols.replace(/(\w+)/g, 'f.$1')}, substr(f.as_of, 1, 4)`),
    },
    {
      stored: rows('SELECT document_id, province_key, place_key, program, n FROM document_counts WHERE n <> 0'),
      recount: rows(`SELECT f.document_id, f.province_key, f.place_key, f.program, count(*) ${latest} GROUP BY 1, 2, 3, 4`),
    },
  ];
}

describe('stored facet counts', () => {
  it('follow new versions, restored versions and re-extraction', async () => {
    const file = join(dir, 'changing.txt');
    const first = 'Năm 2024, tỉnh Lai Châu đã giải ngân 120 tỷ đồng vốn Chương trình MTQG giảm nghèo bền vững.\n';
    const second = 'Năm 2024, tỉnh Lai Châu đã giải ngân 130 tỷ đồng vốn Chương trình MTQG 1719, huyện Sìn Hồ 12 tỷ đồng.\n';
    const check = () => {
      for (const { stored, recount } of storedAndRecounted()) expect(stored).toEqual(recount);
    };
    check();
    const outcomes = [];
    for (const text of [first, second, first]) {
      writeFileSync(file, text);
      outcomes.push((await ingestFiles(db, [file]))[0]);
      check();
    }
    // A new version superseded the first, then the first was made current again.
    expect(outcomes.map((o) => o.status === 'ingested' && [o.version, o.restored ?? false])).toEqual([[1, false], [2, false], [1, true]]);
    const rowsBefore = storedAndRecounted()[0].stored.length;
    // The bench documents have no text: re-extracting them deletes their figures.
    const summary = await reextractStore(db, { extractor: 'test', patterns: 'test' }, { force: true });
    expect(summary.figuresAfter).toBeLessThan(summary.figuresBefore);
    check();
    expect(storedAndRecounted()[0].stored.length).toBeLessThan(rowsBefore);
  });

  it('follow a name written twice in one batch, its first version superseded before the batch commits', async () => {
    // Each fetch of the page gives another text: the second version supersedes the first, which
    // the batch wrote and has not committed (its counts are added once, at the commit).
    const texts = [
      'Năm 2024, tỉnh Điện Biên đã giải ngân 210 tỷ đồng vốn Chương trình MTQG 1719.\n',
      'Năm 2024, tỉnh Kon Tum đã giải ngân 95 tỷ đồng vốn Chương trình MTQG giảm nghèo bền vững, huyện Đắk Glei 9 tỷ đồng.\n',
    ];
    const server = await startServer({ '/bai.txt': (_req, res, hit) => res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(texts[(hit - 1) % 2]) });
    try {
      const url = `${server.origin}/bai.txt`;
      const outcomes = await ingestFiles(db, [url, url], { fetch: { allowPrivate: true } });
      expect(outcomes.map((o) => o.status === 'ingested' && o.version)).toEqual([1, 2]);
    } finally {
      await server.close();
    }
    for (const { stored, recount } of storedAndRecounted()) expect(stored).toEqual(recount);
  });
});
