// Pass: metric and fund of amounts: their own words, else the total they belong to, else the
// amount before them in the sentence.
import { set, type Pass } from '../pass.ts';
import type { Item } from '../item.ts';

const byIndex = (items: Item[], index: number | null): Item | null => (index === null ? null : (items[index - 1] ?? null));

export const amounts: Pass = {
  name: 'amounts',
  reads: ['items.metricCue', 'items.fundCue', 'items.partOf', 'items.c.perSpan'],
  writes: ['metric', 'fund', 'capital'],
  run({ items }) {
    for (let k = 0; k < items.length; k++) {
      const it = items[k];
      if (it.c.kind !== 'money') continue;
      const parent = byIndex(items, it.partOf);
      const before = previousMoney(items, k);
      // A per-unit amount ("1.600 triệu đồng/km", "suất đầu tư … /km") is a support rate, unless
      // its words make it a loan or an income.
      const cue = it.metricCue?.value ?? null;
      if (it.c.role === 'plan') set(it, 'metric', 'allocated', "the plan part of an achieved/plan pair 'X/Y'");
      else if (it.c.perSpan !== null && cue !== 'loan' && cue !== 'other') set(it, 'metric', 'support_rate', 'an amount per unit');
      else if (it.metricCue) set(it, 'metric', it.metricCue.value, it.metricCue.why);
      else if (parent?.metric) set(it, 'metric', parent.metric, `the metric of its total f${parent.index}`);
      else if (before?.metric) set(it, 'metric', before.metric, `the metric of the amount before, f${before.index}`);
      // Loans come from credit, outside the budget, unless a budget is named. (Mobilized totals
      // "huy động các nguồn lực" count the budget too: they keep no fund.)
      if (it.fundCue) set(it, 'fund', it.fundCue.value, it.fundCue.why);
      else if (parent?.fund) set(it, 'fund', parent.fund, `the fund of its total f${parent.index}`);
      else if (it.metric === 'loan') set(it, 'fund', 'other', 'a loan names no budget');
      if (it.capital === null && parent?.capital) set(it, 'capital', parent.capital, `the capital of its total f${parent.index}`);
      // "Kế hoạch vốn NSTW giao …; giải ngân …": the amount after speaks of the same fund.
      if (!it.fund && it.partOf === null && before && before.partOf === null && before.fundCue) set(it, 'fund', before.fund, `the fund of the amount before, f${before.index}`);
    }
  },
};

function previousMoney(items: Item[], k: number): Item | null {
  for (let j = k - 1; j >= 0; j--) {
    const p = items[j];
    if (p.ss !== items[k].ss) return null;
    if (p.c.kind === 'money') return p;
  }
  return null;
}
