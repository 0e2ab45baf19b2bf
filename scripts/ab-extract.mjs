// Extraction speed of two builds side by side: `node scripts/ab-extract.mjs BEFORE AFTER [ROUNDS] [--bench]`,
// each a checkout with dist/ built (`npm run build`). Both extractors run in this one process on
// every gold text and every text of ../shared/real, document by document, alternating which goes
// first, so machine load falls on both alike (timing two bench runs minutes apart does not).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

// --bench: the bench's own 10 MB (src/eval/bench-text.ts) instead of the gold and real texts.
const bench = process.argv.includes('--bench');
const args = process.argv.slice(2).filter((a) => a !== '--bench');
const [before, after] = args.slice(0, 2).map((d) => resolve(d ?? ''));
const rounds = Number(args[2] ?? (bench ? 4 : 16));
for (const d of [before, after])
  if (!existsSync(join(d, 'dist/extract/document.js'))) {
    console.error(`ab-extract: ${d} has no dist/extract/document.js; run 'npm run build' there (usage: node scripts/ab-extract.mjs BEFORE AFTER [ROUNDS] [--bench])`);
    process.exit(2);
  }
const extractors = await Promise.all([before, after].map(async (d) => (await import(join(d, 'dist/extract/document.js'))).extractFigures));
const { loadGold } = await import(join(after, 'dist/eval/gold-load.js'));
const raw = loadGold().map((d) => readFileSync(d.path, 'utf8'));
const real = resolve(after, '../shared/real');
if (existsSync(real)) for (const f of readdirSync(real).sort()) if (f.endsWith('.txt')) raw.push(readFileSync(join(real, f), 'utf8'));
const texts = bench ? (await import(join(after, 'dist/eval/bench-text.js'))).benchDocuments(10 * 2 ** 20) : raw.map((t) => t.normalize('NFC'));
const figures = (k, text) => extractors[k]({ format: 'txt', title: null, published: null, text, blocks: [] }).figures.length;
const differ = texts.filter((t) => figures(0, t) !== figures(1, t)).length;
// Expected when the rules changed between the builds; the timing stands either way.
if (differ) console.log(`texts where the builds find a different number of figures: ${differ}`);

const ns = [0, 0];
const perRound = [];
for (let r = 0; r < rounds; r++) {
  const round = [0, 0];
  texts.forEach((t, i) => {
    for (const k of (i + r) % 2 ? [0, 1] : [1, 0]) {
      const t0 = process.hrtime.bigint();
      figures(k, t);
      round[k] += Number(process.hrtime.bigint() - t0);
    }
  });
  ns[0] += round[0];
  ns[1] += round[1];
  perRound.push(round[0] / round[1]);
}
perRound.sort((a, b) => a - b);
const mb = (texts.reduce((n, t) => n + Buffer.byteLength(t), 0) * rounds) / 2 ** 20;
console.log(`texts ${texts.length}, ${rounds} rounds, ${mb.toFixed(1)} MB each`);
console.log(`before_mb_per_s ${(mb / (ns[0] / 1e9)).toFixed(2)}`);
console.log(`after_mb_per_s ${(mb / (ns[1] / 1e9)).toFixed(2)}`);
// Above 1: the second build is faster.
console.log(`speed_after_over_before ${(ns[0] / ns[1]).toFixed(3)}`);
console.log(`median_round_after_over_before ${perRound[Math.floor(rounds / 2)].toFixed(3)}`);
