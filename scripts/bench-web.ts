// Web page benchmark: p95 of each kind of request the page makes (and the server's start, which
// reads the stored facet counts), over HTTP to `solieu serve`'s server, on the million-figure store scripts/bench-store.ts builds. scripts/bench.ts runs it on
// the store benchmark's database; alone (`node bin/run.js scripts/bench-web.ts`) it fills its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDb } from '../src/store/db.ts';
import { serve } from '../src/web/server.ts';
import { fill, percentile, pick, rng, METRICS, PLACES, PROGRAMS } from './bench-store.ts';

const RUNS = 30;

export async function benchWeb(dbPath: string): Promise<Record<string, number>> {
  const r = rng(4);
  const db = openDb(dbPath, { readonly: true });
  const maxId = db.prepare('SELECT max(id) FROM figures').pluck().get() as number;
  const figureAt = db.prepare(
    `SELECT s.uri AS source, d.version, f.fid FROM figures f JOIN documents d ON d.id = f.document_id JOIN sources s ON s.id = d.source_id WHERE f.id >= ? ORDER BY f.id LIMIT 1`,
  );
  const maxDoc = db.prepare('SELECT max(id) FROM documents').pluck().get() as number;
  const out: Record<string, number> = {};
  // The server reads the stored facet counts once as it starts (migrating an older store first).
  const t0 = performance.now();
  const { server, url } = await serve(dbPath, '127.0.0.1', 0);
  out.web_startup_ms = Math.round(performance.now() - t0);
  const get = async (path: string) => {
    const t = performance.now();
    const res = await fetch(url + path.replace(/^\//, ''));
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    return performance.now() - t;
  };
  try {
    const q = (o: Record<string, string | number>) => '/?' + new URLSearchParams(Object.entries(o).map(([k, v]) => [k, String(v)])).toString();
    const year = () => 2021 + Math.floor(r() * 5);
    const shapes: [string, () => string][] = [
      ['home', () => '/'],
      ['facets', () => q({ current: pick(r, PLACES)[2], program: pick(r, PROGRAMS)[0], metric: pick(r, METRICS), year: year() })],
      ['facets_province', () => q({ province: pick(r, PLACES)[0] })],
      ['facets_project_year', () => q({ project: `Dự án ${1 + Math.floor(r() * 10)}`, year: year() })],
      ['province_sorted_value', () => q({ province: pick(r, PLACES)[0], sort: 'value', dir: 'desc' })],
      // Every column the table sorts by, both ways, under a filter and over everything.
      ...(['value', 'date', 'province', 'metric', 'program'] as const).flatMap((sort): [string, () => string][] => [
        [`current_sorted_${sort}_asc`, () => q({ current: pick(r, PLACES)[2], sort, dir: 'asc' })],
        [`current_sorted_${sort}_desc`, () => q({ current: pick(r, PLACES)[2], sort, dir: 'desc' })],
        [`all_sorted_${sort}_desc_page_5`, () => q({ sort, dir: 'desc', page: 5 })],
      ]),
      ['year_page_20', () => q({ year: year(), page: 20 })],
      ['search', () => q({ q: pick(r, ['dien bien giai ngan', 'Mường Nhé', 'nong thon moi', 'Tran De']) })],
      ['document', () => q({ doc: 1 + Math.floor(r() * maxDoc) })],
      ['csv', () => '/figures.csv' + q({ province: pick(r, PLACES)[0], program: pick(r, PROGRAMS)[0] }).slice(1)],
      ['passage', () => {
        const f = figureAt.get(1 + Math.floor(r() * maxId)) as { source: string; version: number; fid: string };
        return '/passage?' + new URLSearchParams({ source: f.source, version: String(f.version), fig: f.fid }).toString();
      }],
      ['check', () => '/check?claim=' + encodeURIComponent(`Năm ${year()} tỉnh ${pick(r, PLACES)[0]} giải ngân ${Math.floor(r() * 2000)} tỷ đồng vốn Chương trình MTQG ${pick(r, ['1719', 'giảm nghèo bền vững', 'xây dựng nông thôn mới'])}`)],
    ];
    for (const [name, make] of shapes) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push(await get(make()));
      out[`web_${name}_p50_ms`] = +percentile(times, 50).toFixed(2);
      out[`web_${name}_p95_ms`] = +percentile(times, 95).toFixed(2);
    }
    return out;
  } finally {
    server.close();
    db.close();
  }
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url && process.argv[2]) {
  // An existing store: `node bin/run.js scripts/bench-web.ts store.sqlite`.
  for (const [k, v] of Object.entries(await benchWeb(resolve(process.argv[2])))) console.log(`${k.padEnd(44)} ${v}`);
} else if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const dir = mkdtempSync(join(tmpdir(), 'solieu-bench-web-'));
  try {
    const path = join(dir, 'bench.sqlite');
    const db = openDb(path);
    fill(db);
    db.pragma('optimize');
    db.close();
    for (const [k, v] of Object.entries(await benchWeb(path))) console.log(`${k.padEnd(44)} ${v}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
