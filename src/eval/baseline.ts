// The accuracy ratchet: scores flattened to "group.metric" keys, floored to 3 decimals, kept in
// corpus/eval-baseline.json; a test fails when a score drops below its recorded level.
import type { Scores } from './score.ts';

export function flattenScores(groups: Record<string, Scores>): Record<string, number> {
  const out: Record<string, number> = {};
  const put = (k: string, v: number) => {
    if (Number.isFinite(v)) out[k] = Math.floor(v * 1000) / 1000;
  };
  for (const [g, s] of Object.entries(groups)) {
    if (g.includes(':')) continue;
    for (const [k, v] of Object.entries(s.kinds)) {
      put(`${g}.${k}.f1`, v.f1);
      put(`${g}.${k}.valueF1`, v.valueF1);
    }
    for (const [f, a] of Object.entries(s.fields)) put(`${g}.field.${f}`, a);
    put(`${g}.facts`, s.facts);
  }
  return out;
}
