// Pass: what each percentage measures (rateKind), and what a rate takes from its amount
// (metric, fund, capital, programme, project, place).
import { compiled, testAt } from '../../patterns/lexicons.ts';
import { isChange, lastCue, cueAfter, metricIn, cueWindow } from '../cues.ts';
import { allIn, type Mention } from '../mentions.ts';
import type { PlaceMention } from '../places.ts';
import { set, type Pass } from '../pass.ts';
import { rateWords, rateVerbRe } from './rate-words.ts';
import { itemAt } from '../item.ts';
import { clauseOf } from '../context.ts';

export const rateKinds: Pass = {
  name: 'rate-kinds',
  reads: ['items.rateOf', 'items.metricCue', 'metrics.rateKinds', 'metrics.shareAfter', 'metrics.shareOfCount'],
  writes: ['metric', 'fund', 'capital', 'program', 'project', 'location', 'rateKind'],
  run({ items, ft, lex, ctx, hits }) {
    const { planAfter, poverty, share, shareAfter, countShare, unitAfter, shareNouns } = compiled(lex, rateWords);
    const rateVerb = compiled(lex, rateVerbRe);
    for (const it of items) {
      if (it.c.kind !== 'percent') continue;
      const target = itemAt(items, it.rateOf);
      const window = ft.slice(it.ws, it.c.fs);
      const planNext = testAt(planAfter, ft, it.c.fe);
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
      const prev = itemAt(items, it.index - 1);
      const clause = ft.slice(clauseOf(ctx, it), it.c.fs);
      const change = isChange(window, ft.slice(it.c.fe, it.c.fe + 60), lex);
      const listed = prev && prev.c.kind === 'percent' && prev.ss === it.ss && prev.rateKind !== null && listContinues(ft, prev.c.fe, it.c.fs, ctx.places) ? prev : null;
      if (change) set(it, 'rateKind', 'change', change.why);
      // "Hậu Giang (72%), Ninh Thuận (50%)": a list of places' rates, each of the list's kind.
      else if (listed) set(it, 'rateKind', listed.rateKind!, `a list of rates continuing f${listed.index}`);
      // "77/115 xã … (đạt 66,95%)": the share a ratio makes.
      else if (prev && prev.ss === it.ss && prev.c.of !== null && !target) set(it, 'rateKind', 'share', `the share the ratio f${prev.index} makes`);
      else if (target?.metric === 'disbursed') set(it, 'rateKind', 'disbursement', `a rate of the disbursed amount f${target.index}`);
      else if (!target && it.metricCue?.value === 'disbursed') set(it, 'rateKind', 'disbursement', it.metricCue.why);
      else if (planNext) set(it, 'rateKind', 'plan_progress', `metrics.rateKinds.plan_progress after it: '${ft.slice(it.c.fe, planAfter.lastIndex).trim()}'`);
      // "đã phân bổ 1.218.526/1.239.405 triệu đồng, đạt 98,32%": without a plan word, a rate of a
      // non-disbursed amount is no progress against a plan.
      else if (target) set(it, 'rateKind', 'other', `a rate of the ${target.metric ?? ''} amount f${target.index}, no plan word`);
      else if (testAt(shareAfter, ft, it.c.fe)) set(it, 'rateKind', 'share', `metrics.shareAfter: '${ft.slice(it.c.fe, shareAfter.lastIndex).trim()}'`);
      // "ngân sách trung ương 90%, tín dụng 57%": the part a source has in a total.
      else if (!rateVerb.test(window) && (lastCue(lex.fundRe, lex.fundOf, window, 'funds.fund') ?? cueAfter(lex.fundRe, lex.fundOf, ft, it.c.fe, lex, 'funds.fund', hits))) set(it, 'rateKind', 'share', 'a source named with the percentage (funds.fund)');
      else if (poverty.test(clause)) set(it, 'rateKind', 'poverty', 'metrics.rateKinds.poverty in its clause');
      else if (testAt(shareNouns, ft, it.c.fe)) set(it, 'rateKind', 'share', `metrics.shareNounsAfter: '${ft.slice(it.c.fe, shareNouns.lastIndex).trim()}'`);
      else if (testAt(unitAfter, ft, it.c.fe)) set(it, 'rateKind', 'share', `a percentage of a counted noun: '${ft.slice(it.c.fe, unitAfter.lastIndex).trim()}'`);
      else if (prev && prev.ss === it.ss && prev.c.kind === 'quantity' && countShare.test(ft.slice(prev.c.fe, it.c.fs))) set(it, 'rateKind', 'share', `metrics.shareOfCount: the share of the count f${prev.index}`);
      else if (share.test(clause)) set(it, 'rateKind', 'share', 'metrics.rateKinds.share in its clause');
      // "Năm 2023, … giải ngân … đạt 76%; Quý 1 năm 2024 đạt 22,37%": the sentence's metric speaks for a bare rate.
      else {
        const sentence = it.metricCue === null && rateVerb.test(window) ? metricIn(cueWindow(ft, it.ss, it.c.fs), lex) : null;
        if (sentence?.value === 'disbursed') set(it, 'rateKind', 'disbursement', `the sentence's ${sentence.why}`);
        else set(it, 'rateKind', 'other', 'no rate word');
      }
    }
  },
};

/** Between two rates of a list only place names and punctuation stand ("(72%), Ninh Thuận ("). */
function listContinues(ft: string, from: number, to: number, places: readonly Mention<PlaceMention>[]): boolean {
  if (to - from > 60) return false;
  let gap = ft.slice(from, to);
  for (const p of allIn(places, from, to).reverse()) gap = gap.slice(0, p.fs - from) + gap.slice(p.fe - from);
  // "… đạt tỷ lệ từ 30% trở lên là: Hậu Giang (72%)": the first item after the list's colon.
  const colon = gap.lastIndexOf(':');
  if (colon >= 0) return /^[\s(]*$/.test(gap.slice(colon + 1)) && !/[\d;.]/.test(gap.slice(0, colon));
  return /^[\s,;()\-–]*$/.test(gap) && /[,;]/.test(gap);
}
