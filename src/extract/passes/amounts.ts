// Pass: metric and fund of amounts: their own words, else the total they belong to, else the
// amount before them in the sentence.
import { set, type Pass } from '../pass.ts';
import { itemAt, type Item } from '../item.ts';

export const amounts: Pass = {
  name: 'amounts',
  reads: ['items.metricCue', 'items.fundCue', 'items.partOf', 'items.c.perSpan', 'items.c.value'],
  writes: ['metric', 'fund', 'capital'],
  run({ items, ft }) {
    // Keyed by the number itself: a string key formats every float (a hot spot on long reports).
    const byValue = new Map<number, Item[]>();
    for (const it of items) {
      if (it.c.kind !== 'money') continue;
      const list = byValue.get(it.c.value);
      if (list) list.push(it);
      else byValue.set(it.c.value, [it]);
    }
    for (let k = 0; k < items.length; k++) {
      const it = items[k];
      if (it.c.kind !== 'money') continue;
      const parent = itemAt(items, it.partOf);
      const before = previousMoney(items, k);
      // A per-unit amount ("1.600 triệu đồng/km", "suất đầu tư … /km") is a support rate, unless
      // its words make it a loan or an income.
      const cue = it.metricCue?.value ?? null;
      const samePer = it.c.perSpan && !it.metricCue ? previousPerUnit(items, k, ft) : null;
      const restated = it.metricCue ? null : (byValue.get(it.c.value) ?? []).find((o) => o !== it && o.c.qualifier === it.c.qualifier && o.metricCue);
      if (it.c.role === 'plan') set(it, 'metric', 'allocated', "the plan part of an achieved/plan pair 'X/Y'");
      // "thu nhập … từ 8,46 triệu đồng/người/năm (năm 2011) lên 37,73 triệu đồng/người/năm": the same measure.
      else if (samePer?.metric) set(it, 'metric', samePer.metric, `the metric of f${samePer.index}, an amount per the same unit before it`);
      else if (it.c.perSpan !== null && cue !== 'loan' && cue !== 'other') set(it, 'metric', 'support_rate', 'an amount per unit');
      else if (it.metricCue) set(it, 'metric', it.metricCue.value, it.metricCue.why);
      // A headline and its body state the same amount: the one that names its metric speaks for both.
      else if (restated) set(it, 'metric', restated.metricCue!.value, `the same amount stated as f${restated.index}: ${restated.metricCue!.why}`);
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

/** The amount per the same unit just before in the paragraph ("… /người/năm … lên … /người/năm"). */
function previousPerUnit(items: Item[], k: number, ft: string): Item | null {
  const it = items[k];
  const per = ft.slice(it.c.perSpan![0], it.c.perSpan![1]);
  const para = ft.lastIndexOf('\n', it.c.fs) + 1;
  for (let j = k - 1; j >= 0 && items[j].c.fs >= para; j--) {
    const p = items[j];
    if (p.c.kind !== 'money') continue;
    if (p.c.perSpan) return ft.slice(p.c.perSpan[0], p.c.perSpan[1]) === per ? p : null;
    // "Các nguồn vốn huy động bình quân/xã khoảng 350 tỷ đồng": the unit written before the amount.
    if (ft.slice(p.ss, p.c.fs).replace(/\s+/g, '').includes(per.replace(/\s+/g, ''))) return p;
  }
  return null;
}

function previousMoney(items: Item[], k: number): Item | null {
  for (let j = k - 1; j >= 0; j--) {
    const p = items[j];
    if (p.ss !== items[k].ss) return null;
    if (p.c.kind === 'money') return p;
  }
  return null;
}
