// npm run eval [-- --json] [-- --errors N [--group G] [--field F]] [-- --update]
// Precision/recall/F1 per kind (detection and exact value), accuracy per field, disbursement facts,
// for the seeds, the written passages, and the passages rendered as DOCX/PDF/HTML. `--update`
// records the current scores as the ratchet in corpus/eval-baseline.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluate } from '../src/eval/evaluate.ts';
import { REPO_ROOT } from '../src/eval/gold-load.ts';
import { flattenScores } from '../src/eval/baseline.ts';

const { values } = parseArgs({ options: { json: { type: 'boolean' }, errors: { type: 'string' }, update: { type: 'boolean' }, field: { type: 'string' }, group: { type: 'string' } } });
const result = await evaluate();
if (values.json) {
  process.stdout.write(JSON.stringify(result.groups, null, 2) + '\n');
} else {
  const pct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(1) : 'n/a').padStart(6);
  for (const [group, s] of Object.entries(result.groups)) {
    if (group.includes(':')) continue;
    const t = result.tallies[group];
    console.log(`\n== ${group}`);
    console.log('kind        gold  pred   prec  recall     F1  value-F1');
    for (const [k, v] of Object.entries(s.kinds)) {
      const c = t.kinds[k];
      console.log(`${k.padEnd(10)} ${String(c.gold).padStart(5)} ${String(c.pred).padStart(5)} ${pct(v.precision)} ${pct(v.recall)} ${pct(v.f1)} ${pct(v.valueF1)}`);
    }
    const mp = ['money', 'percent'].map((k) => t.kinds[k]);
    const sum = (f: 'gold' | 'pred' | 'exact') => mp.reduce((a, c) => a + c[f], 0);
    const vp = sum('exact') / sum('pred'), vr = sum('exact') / sum('gold');
    console.log(`money+percent value-F1 ${pct((2 * vp * vr) / (vp + vr)).trim()}`);
    console.log('fields (accuracy on matched figures): ' + Object.entries(s.fields).map(([f, a]) => `${f} ${pct(a).trim()}`).join(', '));
    console.log(`disbursement facts: ${pct(s.facts).trim()}% (${t.facts.right}/${t.facts.total})`);
  }
  for (const f of ['docx', 'pdf', 'html']) {
    const a = result.groups[f];
    const b = result.groups[`${f}:txt`];
    if (!a || !b) continue;
    const d = (x: number, y: number) => ((x - y) * 100).toFixed(1);
    console.log(`\n${f} vs same passages as text: money value-F1 ${d(a.kinds.money.valueF1, b.kinds.money.valueF1)} pt, percent ${d(a.kinds.percent.valueF1, b.kinds.percent.valueF1)} pt, quantity ${d(a.kinds.quantity.valueF1, b.kinds.quantity.valueF1)} pt`);
  }
  if (result.missing.length) console.log(`\nnot found (gold skipped): ${result.missing.join(', ')}`);
  const n = Number(values.errors ?? 0);
  if (n > 0) {
    const errs = result.tallies[values.group ?? 'all'].errors.filter((e) => !values.field || e.field === values.field);
    console.log(`\n${errs.length} mismatches${values.field ? ` in ${values.field}` : ''}; first ${n}:`);
    for (const e of errs.slice(0, n)) console.log(`${e.source}@${e.start} ${e.field} "${e.text}": gold ${JSON.stringify(e.gold)} got ${JSON.stringify(e.pred)}`);
  }
}
if (values.update) {
  writeFileSync(join(REPO_ROOT, 'corpus/eval-baseline.json'), JSON.stringify(flattenScores(result.groups), null, 2) + '\n');
  console.log('\nrecorded corpus/eval-baseline.json');
}
