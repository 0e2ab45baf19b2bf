// Accuracy is a ratchet: no score may drop below the level recorded in corpus/eval-baseline.json
// (raise it with `npm run eval -- --update` after an improvement). Also holds the floors.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, type EvalResult } from '../src/eval/evaluate.ts';
import { flattenScores } from '../src/eval/baseline.ts';
import { REPO_ROOT } from '../src/eval/gold-load.ts';

let result: EvalResult;
beforeAll(async () => {
  result = await evaluate();
}, 300_000);

describe('evaluation against gold', () => {
  it('finds every gold source', () => {
    expect(result.missing).toEqual([]);
  });

  it('stays at or above every recorded score', () => {
    const baseline = JSON.parse(readFileSync(join(REPO_ROOT, 'corpus/eval-baseline.json'), 'utf8')) as Record<string, number>;
    const now = flattenScores(result.groups);
    const drops = Object.entries(baseline).filter(([k, v]) => !(k in now) || now[k] < v - 1e-9).map(([k, v]) => `${k}: ${now[k]} < ${v}`);
    expect(drops).toEqual([]);
  });

  it('meets the issue floors on the seeds', () => {
    const s = result.groups.seeds;
    expect(s.kinds.money.valueF1).toBeGreaterThanOrEqual(0.99);
    expect(s.kinds.percent.valueF1).toBeGreaterThanOrEqual(0.99);
    expect(s.kinds.quantity.f1).toBeGreaterThanOrEqual(0.95);
    expect(s.fields.metric).toBeGreaterThanOrEqual(0.95);
    expect(s.facts).toBeGreaterThanOrEqual(0.9);
  });

  it('meets the issue floors on the real articles of ../shared/real', () => {
    const r = result.groups.real;
    expect(r, 'no real group: ../shared/real is missing beside the checkout').toBeDefined();
    const k = r.kinds;
    // money+percent value-F1 is at least the lower of the two.
    expect(Math.min(k.money.valueF1, k.percent.valueF1)).toBeGreaterThanOrEqual(0.995);
    expect(k.quantity.f1).toBeGreaterThanOrEqual(0.97);
    expect(r.fields['metric.money']).toBeGreaterThanOrEqual(0.93);
    expect(r.fields['rateKind.percent']).toBeGreaterThanOrEqual(0.93);
    expect(r.facts).toBeGreaterThanOrEqual(0.9);
  });

  it('scores DOCX, PDF and HTML renderings within one point of the same passages as text', () => {
    for (const format of ['docx', 'pdf', 'html']) {
      const a = result.groups[format];
      const b = result.groups[`${format}:txt`];
      expect(a, format).toBeDefined();
      for (const kind of ['money', 'percent', 'quantity'] as const) {
        expect(Math.abs(a.kinds[kind].valueF1 - b.kinds[kind].valueF1), `${format} ${kind}`).toBeLessThanOrEqual(0.01);
      }
    }
  });
});
