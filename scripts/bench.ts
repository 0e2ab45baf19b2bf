// npm run bench: extraction throughput on ≥ 10 MB of report text beside a bare regex scan of the
// same text in the same run (the ratio is what to compare across machines), peak memory, then the
// store's ingest, query and add-one numbers (scripts/bench-store.ts), and the start of the compiled
// `solieu --help` beside a bare `node`, as `key value` lines. `-- --extract-only` skips the store.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { benchDocuments } from '../src/eval/bench-text.ts';
import { extractFigures } from '../src/extract/document.ts';
import type { Figure } from '../src/contract/schema.ts';
import { lexicons, alternation, L } from '../src/patterns/lexicons.ts';
import { loadPlaces } from '../src/patterns/places.ts';
import { benchStore } from './bench-store.ts';
import { floorScanner } from './bench-floor.ts';
import { foldPhrase } from '../src/text/fold.ts';
import { benchWeb } from './bench-web.ts';

const { values } = parseArgs({ options: { 'extract-only': { type: 'boolean' }, mb: { type: 'string' } } });
const targetBytes = Number(values.mb ?? 10) * 1024 * 1024;

const docs = benchDocuments(targetBytes);
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
const mb = bytes / 1024 / 1024;


/** Best of three runs, in seconds. */
function time(fn: () => number): { seconds: number; result: number } {
  let best = Infinity;
  let result = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return { seconds: best, result };
}

const BARE = /\d[\d.,]*\s*(?:nghìn tỷ|tỷ|tỉ|triệu|nghìn|ngàn)?\s*(?:đồng|%)?/g;
const scan = time(() => docs.reduce((n, d) => n + (d.match(BARE)?.length ?? 0), 0));
// The floor: work that any extractor meeting the issue does on the same text before it gives a
// figure any meaning — fold case, look each phrase of patterns/ up once, and the bare number scan
// itself — in one pass over char codes (bench-floor.ts). The regex form of the same look-up (one
// alternation of every phrase) is run once beside it: the two must find the same phrases.
const phrases: string[] = [];
const collect = (v: unknown, key = ''): void => {
  if (key === 'examples' || key === 'description' || key === 'regex') return;
  if (typeof v === 'string') phrases.push(v);
  else if (Array.isArray(v)) v.forEach((x) => collect(x));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) collect(x, k);
};
collect(lexicons().raw);
collect(loadPlaces());
const lookUp = floorScanner(phrases.map(foldPhrase), L);
const DICTIONARY = new RegExp(`(?:${alternation(phrases)})(?![${L}])`, 'g');
const WORD = new RegExp(`[${L}]`);
const lookUpByRegex = (ft: string) => {
  let n = 0;
  DICTIONARY.lastIndex = 0;
  for (let m; (m = DICTIONARY.exec(ft)); ) if (m.index === 0 || !WORD.test(ft[m.index - 1])) n++;
  return n;
};
const floorHitsByRegex = docs.reduce((n, d) => n + lookUpByRegex(d.toLowerCase()), 0);
const floor = time(() => docs.reduce((n, d) => n + lookUp(d) + (d.match(BARE)?.length ?? 0), 0));
const figuresIn = (text: string) => extractFigures({ format: 'txt', title: null, published: null, text, blocks: [] }).figures.length;
figuresIn(docs[0]); // load patterns once
const extract = time(() => docs.reduce((n, d) => n + figuresIn(d), 0));
// The least per-figure work of all: copying each figure the extractor gave (the contract's fields,
// its location and sentence), against which the time the target leaves beyond the floor is read.
// Extracted once more, untimed (the timed runs keep no figures), and let go before the store bench.
const copy = ((given: Figure[][]) =>
  time(() => given.reduce((n, fs) => n + fs.reduce((k, f) => k + ({ ...f, location: f.location && { ...f.location }, sentence: { ...f.sentence } }).start, 0), 0)))(
  docs.map((text) => extractFigures({ format: 'txt', title: null, published: null, text, blocks: [] }).figures),
);
// One long document (all of it at once) must cost the same per MB: no step may be quadratic.
const whole = docs.slice(0, Math.ceil(docs.length / 4)).join('\n');
const single = time(() => figuresIn(whole));
const singleMb = Buffer.byteLength(whole) / 1024 / 1024;

// One `key value` line per figure, so runs can be compared by a script.
const out: Record<string, number | string> = {
  extract_mb: +mb.toFixed(1),
  extract_documents: docs.length,
  scan_mb_per_s: +(mb / scan.seconds).toFixed(2),
  extract_mb_per_s: +(mb / extract.seconds).toFixed(2),
  extract_figures: extract.result,
  // Extraction's speed as a fraction of the bare scan's (target: at least 1/15, aim 1/10).
  extract_ratio_to_scan: +(scan.seconds / extract.seconds).toFixed(4),
  extract_scan_multiple: +(extract.seconds / scan.seconds).toFixed(1),
  // Lower case + one look-up of every phrase + the scan, no meaning yet (one pass over char codes).
  floor_mb_per_s: +(mb / floor.seconds).toFixed(2),
  floor_ratio_to_scan: +(scan.seconds / floor.seconds).toFixed(4),
  floor_phrases: phrases.length,
  // Of the time extraction may take at the target (15 scans of the text), the share the floor
  // takes, and what the rest leaves each figure the extractor gives (µs), beside a bare copy of one.
  floor_share_of_target: +(floor.seconds / (15 * scan.seconds)).toFixed(3),
  target_us_per_figure_beyond_floor: +(((15 * scan.seconds - floor.seconds) * 1e6) / extract.result).toFixed(3),
  extract_us_per_figure_beyond_floor: +(((extract.seconds - floor.seconds) * 1e6) / extract.result).toFixed(3),
  figure_copy_us: +((copy.seconds * 1e6) / extract.result).toFixed(3),
  // The floor counts its phrase hits and the scan's numbers: the hits are what is left of it.
  floor_phrase_hits: floor.result - scan.result,
  // The same look-up by one regex alternation (not timed): the two counts should agree.
  floor_phrase_hits_by_regex: floorHitsByRegex,
  one_document_mb: +singleMb.toFixed(1),
  one_document_mb_per_s: +(singleMb / single.seconds).toFixed(2),
  // maxRSS is the process's high-water mark (kB), measured by the OS whatever the event loop does.
  extract_peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
};
// The processes measured (`solieu --help`, `solieu ingest` of one article) run the build, as an
// installed solieu does: built first, so an edited checkout is not measured through tsx.
execFileSync(process.execPath, [fileURLToPath(new URL('build.mjs', import.meta.url))], { stdio: ['ignore', 'ignore', 'inherit'] });
/** Best of five, in ms: a bare `node` and `solieu --help` (the target is < 150 ms). */
const startMs = (args: string[]) => {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    if (spawnSync(process.execPath, args, { stdio: 'ignore' }).status !== 0) throw new Error(`node ${args.join(' ')} failed`);
    best = Math.min(best, performance.now() - t);
  }
  return Math.round(best);
};
out.node_start_ms = startMs(['-e', '0']);
out.help_ms = startMs([fileURLToPath(new URL('../bin/solieu.js', import.meta.url)), '--help']);
if (!values['extract-only']) Object.assign(out, await benchStore(benchWeb));
out.peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
// Other processes share the machine: the load says how far to trust the timings.
out.load_average_1m = +loadavg()[0].toFixed(2);
for (const [k, v] of Object.entries(out)) console.log(`${k} ${v}`);
