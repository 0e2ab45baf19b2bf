// Rule 1: a written rate against the amounts it is a rate of. "Kế hoạch vốn giao X; giải ngân Y,
// đạt Z%" must satisfy Y/X*100 ≈ Z; "12.419/13.462 hộ, đạt 92,46%" must satisfy 12419/13462 ≈ 92,46%.
import type { Figure } from '../contract/schema.ts';
import type { AuditFinding } from './finding.ts';
import { formatValue, halfStep, isExact } from './precision.ts';
import { byId, compatible, paragraphAt, sameMeasure } from './scope.ts';

/** Percentage points allowed beyond rounding: writers truncate as often as they round. */
const SLACK_POINTS = 0.01;
const SLACK_RELATIVE = 0.001;

/** Amounts a disbursement can be measured against. */
const BASE_METRICS = new Set<Figure['metric']>(['allocated', 'carried_over']);

export function checkRates(figures: Figure[], text: string): AuditFinding[] {
  const ids = byId(figures);
  const out: AuditFinding[] = [];
  const ordered = [...figures].sort((a, b) => a.start - b.start);
  for (const [i, rate] of ordered.entries()) {
    if (rate.kind !== 'percent' || !isExact(rate)) continue;
    const amount = rate.rateOf !== null ? ids.get(rate.rateOf) : impliedRatio(rate, ordered[i - 1]);
    if (!amount || !isExact(amount)) continue;
    const found = ratioCheck(rate, amount, text) ?? amountCheck(rate, amount, figures, text);
    if (found) out.push(found);
  }
  return out;
}

/** Characters a share may stand after its ratio: "12.419/13.462 hộ, đạt 92,46%". */
const RATIO_REACH = 120;

/** An unlinked percentage right after a ratio in the same sentence is that ratio's share. */
function impliedRatio(rate: Figure, previous: Figure | undefined): Figure | undefined {
  if (!previous || previous.of === null || previous.sentence.start !== rate.sentence.start) return undefined;
  return rate.start - previous.end <= RATIO_REACH ? previous : undefined;
}

/** "a/b units, đạt Z%": the ratio's own share, unless Z is measured against a plan. */
function ratioCheck(rate: Figure, ratio: Figure, text: string): AuditFinding | null {
  if (ratio.of === null || ratio.of === 0 || (rate.rateKind !== null && rate.rateKind !== 'share' && rate.rateKind !== 'other')) return null;
  if (againstPlan(text, rate)) return null;
  const expected = (ratio.value / ratio.of) * 100;
  const tolerance = halfStep(rate) + SLACK_POINTS + SLACK_RELATIVE * rate.value;
  if (Math.abs(expected - rate.value) <= tolerance) return null;
  return {
    rule: 'rate',
    message: `${ratio.text} is ${formatValue(expected, 'percent', '%')}, but the text says ${rate.text}`,
    expected,
    found: rate.value,
    figures: [
      { id: ratio.id, role: 'amount' },
      { id: rate.id, role: 'rate' },
    ],
  };
}

/** "giải ngân Y, đạt Z%": Y against the allocation it was disbursed from. */
function amountCheck(rate: Figure, amount: Figure, figures: Figure[], text: string): AuditFinding | null {
  if (amount.kind !== 'money' || (amount.metric !== 'disbursed' && rate.rateKind !== 'disbursement')) return null;
  const base = findBase(amount, figures, text);
  if (!base || base.value === 0) return null;
  const expected = (amount.value / base.value) * 100;
  const rounding = expected * (halfStep(amount) / amount.value + halfStep(base) / base.value);
  const tolerance = halfStep(rate) + rounding + SLACK_POINTS + SLACK_RELATIVE * rate.value;
  if (Math.abs(expected - rate.value) <= tolerance) return null;
  return {
    rule: 'rate',
    message:
      `${amount.text} of ${base.text} is ${formatValue(expected, 'percent', '%')}, ` +
      `but the text says ${rate.text}`,
    expected,
    found: rate.value,
    figures: [
      { id: base.id, role: 'base' },
      { id: amount.id, role: 'amount' },
      { id: rate.id, role: 'rate' },
    ],
  };
}

/**
 * The allocation an amount is a share of: the nearest earlier allocated or carried-over amount in
 * the same paragraph with the same fund and capital type. A base more specific than the amount
 * (NSTW allocation, disbursement of unstated fund) is accepted only within one sentence, where the
 * writer's "Kế hoạch vốn NSTW giao X; giải ngân Y" leaves no doubt.
 */
export function findBase(amount: Figure, figures: Figure[], text: string): Figure | null {
  const para = paragraphAt(text, amount.start);
  let best: { f: Figure; score: number } | null = null;
  for (const f of figures) {
    if (f === amount || f.end > amount.start || f.start < para.start) continue;
    if (!sameMeasure(f, amount) || !BASE_METRICS.has(f.metric) || !isExact(f)) continue;
    if (!compatible(f.year, amount.year) || !compatible(f.program, amount.program) || !compatible(f.project, amount.project)) continue;
    const score = matchScore(f, amount);
    if (score === null) continue;
    if (!best || score < best.score || (score === best.score && f.start > best.f.start)) best = { f, score };
  }
  return best?.f ?? null;
}

/** 0: same fund and capital; 1: base less specific; 2: base more specific, same sentence. */
function matchScore(base: Figure, amount: Figure): number | null {
  if (base.fund === amount.fund && base.capital === amount.capital) return 0;
  if (!compatible(base.fund, amount.fund) || !compatible(base.capital, amount.capital)) return null;
  const baseMoreSpecific = (base.fund !== null && amount.fund === null) || (base.capital !== null && amount.capital === null);
  if (!baseMoreSpecific) return 1;
  return base.sentence.start === amount.sentence.start ? 2 : null;
}

/** "đạt 71,86% so với Kế hoạch": the rate is progress against a plan, not the ratio's share. */
function againstPlan(text: string, rate: Figure): boolean {
  return /^[^.;()]{0,20}(kế hoạch|KH|mục tiêu)/iu.test(text.slice(rate.end, rate.end + 40));
}
