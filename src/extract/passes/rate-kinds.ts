// Pass: what each percentage measures (rateKind), and what a rate takes from its amount
// (metric, fund, capital, programme, project, place).
import { compiled, matchAt } from '../../patterns/lexicons.ts';
import { isChange } from '../cues.ts';
import { set, type Pass } from '../pass.ts';
import { rateWords } from './rate-words.ts';
import type { Item } from '../item.ts';

const byIndex = (items: Item[], index: number | null): Item | null => (index === null ? null : (items[index - 1] ?? null));

export const rateKinds: Pass = {
  name: 'rate-kinds',
  reads: ['items.rateOf', 'items.metricCue', 'metrics.rateKinds', 'metrics.shareAfter', 'metrics.shareOfCount'],
  writes: ['metric', 'fund', 'capital', 'program', 'project', 'location', 'rateKind'],
  run({ items, ft, lex }) {
    const { planAfter, poverty, share, shareAfter, countShare } = compiled(lex, rateWords);
    for (const it of items) {
      if (it.c.kind !== 'percent') continue;
      const target = byIndex(items, it.rateOf);
      const window = ft.slice(it.ws, it.c.fs);
      const planNext = matchAt(planAfter, ft, it.c.fe) !== null;
      // A rate speaks of what its amount speaks of.
      const why = target ? `from f${target.index}, the amount it is a rate of` : 'a rate of no amount';
      if (target?.metric) set(it, 'metric', target.metric, why);
      else set(it, 'metric', it.metricCue?.value ?? null, it.metricCue?.why ?? why);
      set(it, 'fund', target?.fund ?? null, why);
      if (target) {
        set(it, 'capital', target.capital, why);
        if (target.program) set(it, 'program', target.program, why);
        if (target.project) set(it, 'project', target.project, why);
        if (target.location) set(it, 'location', target.location, why);
      }
      const prev = byIndex(items, it.index - 1);
      const before = ft.slice(it.ss, it.c.fs);
      const clause = before.slice(before.lastIndexOf(';') + 1);
      const kind = (k: NonNullable<Item['rateKind']>, why: string) => set(it, 'rateKind', k, why);
      if (isChange(window, lex)) kind('change', 'metrics.rateKinds.change: a change word before it');
      // "77/115 xã … (đạt 66,95%)": the share a ratio makes.
      else if (prev && prev.ss === it.ss && prev.c.of !== null && !target) kind('share', `the share the ratio f${prev.index} makes`);
      else if (target?.metric === 'disbursed') kind('disbursement', `a rate of the disbursed amount f${target.index}`);
      else if (!target && it.metricCue?.value === 'disbursed') kind('disbursement', it.metricCue.why);
      else if (planNext) kind('plan_progress', `metrics.rateKinds.plan_progress after it: '${ft.slice(it.c.fe, planAfter.lastIndex).trim()}'`);
      else if (target) kind('plan_progress', `a rate of the ${target.metric ?? ''} amount f${target.index}`);
      else if (matchAt(shareAfter, ft, it.c.fe)) kind('share', `metrics.shareAfter: '${ft.slice(it.c.fe, shareAfter.lastIndex).trim()}'`);
      else if (poverty.test(clause)) kind('poverty', 'metrics.rateKinds.poverty in its clause');
      else if (prev && prev.ss === it.ss && prev.c.kind === 'quantity' && countShare.test(ft.slice(prev.c.fe, it.c.fs))) kind('share', `metrics.shareOfCount: the share of the count f${prev.index}`);
      else if (share.test(clause)) kind('share', 'metrics.rateKinds.share in its clause');
      else kind('other', 'no rate word');
    }
  },
};
