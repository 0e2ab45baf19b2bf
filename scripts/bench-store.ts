// Store benchmark: ingest speed for 10,000 generated articles into a file database (batched and
// audited, as `solieu ingest` does), then, once the store holds one million figures, query
// latency (p50/p95 per query shape) and the cost of `solieu ingest` adding one article (a child
// process: wall time and its peak RSS). Run alone with `node bin/run.js scripts/bench-store.ts`;
// scripts/bench.ts calls benchStore().
import { spawnSync } from 'node:child_process';
import { closeSync, fsyncSync, mkdtempSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Figure } from '../src/contract/schema.ts';
import { crossKey } from '../src/audit/cross.ts';
import { openDb, type Db } from '../src/store/db.ts';
import { ingestFiles, currentVersions, refreshStatistics } from '../src/store/ingest.ts';
import { queryFigures, type FigureFilter } from '../src/store/query.ts';
import { fold } from '../src/store/fold.ts';
import { countFacets } from '../src/store/write.ts';

const ARTICLES = 10_000;
const TARGET_FIGURES = 1_000_000;

export const PLACES: [string, string, string][] = [
  ['Điện Biên', 'Mường Nhé', 'Điện Biên'],
  ['Bắc Kạn', 'Chợ Đồn', 'Thái Nguyên'],
  ['Hà Giang', 'Mèo Vạc', 'Tuyên Quang'],
  ['Lai Châu', 'Sìn Hồ', 'Lai Châu'],
  ['Kon Tum', 'Đắk Glei', 'Quảng Ngãi'],
  ['Sóc Trăng', 'Trần Đề', 'Cần Thơ'],
  ['Quảng Nam', 'Nam Trà My', 'Đà Nẵng'],
  ['Yên Bái', 'Mù Cang Chải', 'Lào Cai'],
];
export const PROGRAMS: [string, string][] = [
  ['dtts', 'phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi'],
  ['gnbv', 'giảm nghèo bền vững'],
  ['ntm', 'xây dựng nông thôn mới'],
];
export const METRICS = ['allocated', 'disbursed', 'mobilized', 'carried_over', 'loan'] as const;

/** Deterministic pseudo-random numbers, so every run measures the same work. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const amount = (r: () => number) => new Intl.NumberFormat('vi-VN').format(Math.floor(r() * 2_000_000) + 100);

const TEMPLATES: ((r: () => number) => string)[] = [
  (r) => {
    const [p, d] = pick(r, PLACES);
    const [, name] = pick(r, PROGRAMS);
    return (
      `Tỉnh ${p} đẩy mạnh thực hiện Chương trình MTQG ${name}\n` +
      `Năm ${2021 + Math.floor(r() * 4)}, huyện ${d} được giao kế hoạch vốn ${amount(r)} triệu đồng; ` +
      `giải ngân đến 30/6/2024 là ${amount(r)} triệu đồng, đạt ${Math.floor(r() * 99)},${Math.floor(r() * 99)}% kế hoạch. ` +
      `Trong đó vốn NSTW là ${amount(r)} triệu đồng, vốn NSĐP là ${amount(r)} triệu đồng.\n`
    );
  },
  (r) => {
    const [p, d] = pick(r, PLACES);
    return (
      `${d} (${p}): hỗ trợ ${Math.floor(r() * 900) + 10} hộ nghèo làm nhà ở với mức 40 triệu đồng/hộ. ` +
      `Tổng kinh phí huy động trên ${Math.floor(r() * 90) + 2} tỷ đồng; có ${Math.floor(r() * 20)}/${20 + Math.floor(r() * 10)} xã đạt chuẩn nông thôn mới.\n`
    );
  },
  (r) => {
    const [p] = pick(r, PLACES);
    const [, name] = pick(r, PROGRAMS);
    return (
      `Báo cáo kết quả thực hiện Chương trình ${name} tỉnh ${p}\n` +
      `Tổng nguồn vốn được phép kéo dài là ${amount(r)} triệu đồng, (trong đó, vốn ĐTPT là ${amount(r)} triệu đồng, vốn SN là ${amount(r)} triệu đồng). ` +
      `Tỷ lệ hộ nghèo giảm còn ${Math.floor(r() * 40)},${Math.floor(r() * 99)}%.\n`.repeat(1 + Math.floor(r() * 3))
    );
  },
];

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** Writes `n` generated articles into `folder`; returns their paths and total bytes. */
export function writeArticles(folder: string, n: number): { files: string[]; bytes: number } {
  const r = rng(1);
  mkdirSync(folder, { recursive: true });
  const files: string[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const body = pick(r, TEMPLATES)(r) + `Mã bài ${i}.\n`;
    const file = join(folder, `a${i}.txt`);
    writeFileSync(file, body);
    files.push(file);
    bytes += Buffer.byteLength(body);
  }
  return { files, bytes };
}

async function benchIngest(db: Db, folder: string): Promise<Record<string, number>> {
  const { files, bytes } = writeArticles(folder, ARTICLES);
  const versions = currentVersions();
  const t0 = performance.now();
  for (const o of await ingestFiles(db, files, { versions })) if (o.status === 'failed') throw new Error(`${o.file}: ${o.reason}`);
  const seconds = (performance.now() - t0) / 1000;
  return {
    ingest_documents: ARTICLES,
    ingest_seconds: +seconds.toFixed(2),
    ingest_documents_per_s: Math.round(ARTICLES / seconds),
    ingest_mb_per_s: +(bytes / 1e6 / seconds).toFixed(3),
  };
}

/** Bulk fill (no parsing) up to TARGET_FIGURES: synthetic documents with 4 figures per sentence,
 *  stored as audited (with their cross-document keys), as an audited ingest leaves them. */
export function fill(db: Db, target = TARGET_FIGURES): number {
  const have = db.prepare('SELECT count(*) FROM figures').pluck().get() as number;
  const r = rng(2);
  const insDoc = db.prepare(
    `INSERT INTO documents (source_id, version, sha256, format, title, published, ingested_at, text, blocks, extractor_version, patterns_version, audited)
     VALUES (?, 1, ?, 'txt', ?, '2024-07-01', 'bench', '', '[]', 'bench', 'bench', 1)`,
  );
  const insSource = db.prepare('INSERT INTO sources (uri) VALUES (?)');
  const insCit = db.prepare('INSERT INTO citations (document_id, span_start, span_end, quote, search) VALUES (?, ?, ?, ?, ?)');
  const insFig = db.prepare(
    `INSERT INTO figures (document_id, fid, citation_id, kind, text, span_start, span_end, value, unit, qualifier, metric,
       program, project, fund, province, district, current_province, province_key, district_key, current_key, as_of, year,
       confidence, extractor_version, patterns_version, cross_key)
     VALUES (?, ?, ?, 'money', ?, ?, ?, ?, 'VND', 'exact', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'bench', 'bench', ?)`,
  );
  const PER_DOC = 200;
  let n = have;
  let doc = 0;
  while (n < target) {
    db.transaction(() => {
      for (let k = 0; k < 50 && n < target; k++, doc++) {
        const src = Number(insSource.run(`/bench/fill/${doc}.txt`).lastInsertRowid);
        const id = Number(insDoc.run(src, 'b' + String(doc).padStart(63, '0'), `Báo cáo ${doc}`).lastInsertRowid);
        const [p, d, cur] = pick(r, PLACES);
        const [prog, name] = pick(r, PROGRAMS);
        for (let j = 0; j < PER_DOC && n < target; j += 4) {
          const quote = `Huyện ${d} tỉnh ${p} giải ngân vốn Chương trình ${name} đạt kết quả ${j}.`;
          const cit = Number(insCit.run(id, j * 100, j * 100 + quote.length, quote, fold(quote)).lastInsertRowid);
          for (let q = 0; q < 4 && n < target; q++, n++) {
            const v = Math.floor(r() * 2e6) * 1e6;
            const year = 2021 + Math.floor(r() * 5);
            const f = {
              kind: 'money', text: `${v / 1e6} triệu đồng`, value: v, unit: 'VND', per: null, qualifier: 'exact', rangeTo: null,
              metric: pick(r, METRICS), rateKind: null, program: prog, project: r() < 0.3 ? `Dự án ${1 + Math.floor(r() * 10)}` : null,
              fund: r() < 0.5 ? 'nstw' : null, capital: null, location: { province: p, district: d, current: cur },
              asOf: `${year}-06-30`, year,
            } as Figure;
            insFig.run(id, `f${j + q + 1}`, cit, f.text, j * 100 + q, j * 100 + q + 5, v, f.metric, prog, f.project, f.fund,
              p, d, cur, fold(p), fold(d), fold(cur), f.asOf, year, crossKey(f) ?? '');
          }
        }
        countFacets(db, [id], 1);
      }
    })();
  }
  return n;
}

function benchQueries(db: Db): Record<string, number> {
  const r = rng(3);
  const cases: [string, () => FigureFilter][] = [
    ['province', () => ({ province: pick(r, PLACES)[0] })],
    ['current_province_program_metric', () => ({ province: pick(r, PLACES)[2], program: pick(r, PROGRAMS)[0] as 'dtts', metric: pick(r, METRICS) })],
    ['year_value_range', () => ({ year: 2021 + Math.floor(r() * 5), min: 1e11, max: 1e11 + 5e10 })],
    ['project_asof_range', () => ({ project: `Dự án ${1 + Math.floor(r() * 10)}`, asOfFrom: '2023-01-01', asOfTo: '2023-12-31' })],
    ['free_text', () => ({ text: pick(r, ['Dien Bien giai ngan', 'Mường Nhé', 'nong thon moi', 'Tran De']) })],
    ['province_text', () => ({ province: pick(r, PLACES)[0], text: pick(r, ['giai ngan', 'nong thon moi', 'ket qua']) })],
    ['district_kind', () => ({ district: pick(r, PLACES)[1], kind: 'money' })],
    ['program_year', () => ({ program: pick(r, PROGRAMS)[0] as 'dtts', year: 2021 + Math.floor(r() * 5) })],
    ['all', () => ({})],
  ];
  const out: Record<string, number> = {};
  let worst = 0;
  for (const [name, make] of cases) {
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t = performance.now();
      queryFigures(db, { ...make(), limit: 50 });
      times.push(performance.now() - t);
    }
    out[`query_${name}_p50_ms`] = +percentile(times, 50).toFixed(2);
    out[`query_${name}_p95_ms`] = +percentile(times, 95).toFixed(2);
    worst = Math.max(worst, percentile(times, 95));
  }
  // The worst shape's p95.
  out.query_p95_ms = +worst.toFixed(2);
  return out;
}

/** The fill's ~800 MB on disk before anything else is timed: a checkpoint at the end of an ingest
 *  syncs the database file, which otherwise waits for the writeback of the whole fill (measured:
 *  adding one article took 204-309 ms right after a copy of the store, 173-190 ms after a sync).
 *  A store a user adds to has long been written. */
function settle(dbPath: string): void {
  const fd = openSync(dbPath, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** `solieu ingest` of one new article into the full store, as a user runs it: a child process,
 *  its wall time and peak RSS (best of three, each a different article). */
function benchIngestOne(dbPath: string, folder: string): Record<string, number> {
  const bin = fileURLToPath(new URL('../bin/solieu.js', import.meta.url));
  const rss = 'data:text/javascript,process.on("exit",()=>process.stderr.write("maxrss "+process.resourceUsage().maxRSS+"\\n"))';
  let best = { ms: Infinity, rssMb: 0 };
  for (let i = 0; i < 3; i++) {
    const file = join(folder, `one${i}.txt`);
    writeFileSync(file, TEMPLATES[0](rng(100 + i)) + `Bài thêm ${i}.\n`);
    const t = performance.now();
    const child = spawnSync(process.execPath, ['--import', rss, bin, 'ingest', file, '--db', dbPath], { encoding: 'utf8' });
    const ms = performance.now() - t;
    if (child.status !== 0 || !child.stdout.includes('ingested 1 ')) throw new Error(`ingest one: ${child.stderr}`);
    const rssMb = Number(/maxrss (\d+)/.exec(child.stderr)?.[1]) / 1024;
    if (ms < best.ms) best = { ms, rssMb };
  }
  return { ingest_one_into_1m_ms: Math.round(best.ms), ingest_one_into_1m_rss_mb: Math.round(best.rssMb) };
}

/** `more` measures something else on the same million-figure store before it is deleted. */
export async function benchStore(more?: (dbPath: string) => Promise<Record<string, number>>): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'solieu-bench-'));
  const dbPath = join(dir, 'bench.sqlite');
  const db = openDb(dbPath);
  try {
    const ingest = await benchIngest(db, join(dir, 'articles'));
    const t = performance.now();
    const figures = fill(db);
    refreshStatistics(db);
    const fillSeconds = (performance.now() - t) / 1000;
    const queries = benchQueries(db);
    db.close();
    settle(dbPath);
    const one = benchIngestOne(dbPath, join(dir, 'articles'));
    const web = more ? await more(dbPath) : {};
    return { ...ingest, store_figures: figures, fill_seconds: +fillSeconds.toFixed(1), ...queries, ...one, ...web };
  } finally {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const result = await benchStore();
  for (const [k, v] of Object.entries(result)) console.log(`${k} ${v}`);
}
