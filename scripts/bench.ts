// npm run bench: extraction throughput on ≥ 10 MB of report text beside a bare regex scan of the
// same text in the same run (the ratio is what to compare across machines), peak memory, then the
// store's ingest and query numbers (scripts/bench-store.ts). `-- --extract-only` skips the store.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadGold } from '../src/eval/gold-load.ts';
import { extractFigures } from '../src/extract/document.ts';
import { lexicons, alternation, L } from '../src/patterns/lexicons.ts';
import { loadPlaces } from '../src/patterns/places.ts';
import { benchStore } from './bench-store.ts';
import { benchWeb } from './bench-web.ts';

const { values } = parseArgs({ options: { 'extract-only': { type: 'boolean' }, mb: { type: 'string' } } });
const targetBytes = Number(values.mb ?? 10) * 1024 * 1024;

// The corpus: every gold-annotated text (seeds and passages), repeated with shifted figures so the
// run is not one cached string, cut into report-sized documents.
const texts = loadGold().map((d) => readFileSync(d.path, 'utf8').normalize('NFC'));
const docs: string[] = [];
let bytes = 0;
for (let round = 0; bytes < targetBytes; round++) {
  for (const t of texts) {
    const doc = round === 0 ? t : t.replace(/\d(?=[\d.,]*\s*(?:triệu|tỷ|%))/g, (d) => String((Number(d) + round) % 10));
    docs.push(doc);
    bytes += Buffer.byteLength(doc);
  }
}
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
// figure any meaning — fold case (one native toLowerCase), look each phrase of patterns/ up once
// (one trie regex over the text, word starts checked after), and the bare number scan itself.
const phrases: string[] = [];
const collect = (v: unknown, key = ''): void => {
  if (key === 'examples' || key === 'description' || key === 'regex') return;
  if (typeof v === 'string') phrases.push(v);
  else if (Array.isArray(v)) v.forEach((x) => collect(x));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) collect(x, k);
};
collect(lexicons().raw);
collect(loadPlaces());
const DICTIONARY = new RegExp(`(?:${alternation(phrases)})(?![${L}])`, 'g');
const WORD = new RegExp(`[${L}]`);
const lookUp = (ft: string) => {
  let n = 0;
  DICTIONARY.lastIndex = 0;
  for (let m; (m = DICTIONARY.exec(ft)); ) if (m.index === 0 || !WORD.test(ft[m.index - 1])) n++;
  return n;
};
const floor = time(() => docs.reduce((n, d) => n + lookUp(d.toLowerCase()) + (d.match(BARE)?.length ?? 0), 0));
const figuresIn = (text: string) => extractFigures({ format: 'txt', title: null, published: null, text, blocks: [] }).figures.length;
figuresIn(docs[0]); // load patterns once
const extract = time(() => docs.reduce((n, d) => n + figuresIn(d), 0));
// One long document (all of it at once) must cost the same per MB: no step may be quadratic.
const whole = docs.slice(0, Math.ceil(docs.length / 4)).join('\n');
const single = time(() => figuresIn(whole));
const singleMb = Buffer.byteLength(whole) / 1024 / 1024;

const row = (name: string, r: { seconds: number; result: number }, unit: string) =>
  `${name.padEnd(22)} ${(mb / r.seconds).toFixed(2).padStart(8)} MB/s  ${String(r.result).padStart(9)} ${unit}  ${r.seconds.toFixed(3)} s`;
console.log(`extraction on ${mb.toFixed(1)} MB of report text (${docs.length} documents)`);
console.log(row('bare regex scan', scan, 'matches'));
console.log(row('solieu extraction', extract, 'figures'));
console.log(row('floor (see below)', floor, 'phrases+numbers'));
console.log(`ratio extraction/scan: 1/${(extract.seconds / scan.seconds).toFixed(1)} (target: at least 1/10)`);
console.log(`ratio floor/scan:      1/${(floor.seconds / scan.seconds).toFixed(1)} (lower case + one look-up of ${phrases.length} phrases + the scan, no meaning yet)`);
console.log(`one ${singleMb.toFixed(1)} MB document:  ${(singleMb / single.seconds).toFixed(2)} MB/s  ${single.result} figures  ${single.seconds.toFixed(3)} s`);
// maxRSS is the process's high-water mark (kB), measured by the OS whatever the event loop does.
console.log(`peak memory (max RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

if (!values['extract-only']) {
  console.log('\nstore');
  for (const [k, v] of Object.entries(await benchStore(benchWeb))) console.log(`${k.padEnd(30)} ${v}`);
}
