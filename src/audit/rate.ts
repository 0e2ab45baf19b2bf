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
 * The allocation an amount is a share of: the nearest earlier allocated or carried-over amount of
 * the same fund and capital type. Within the sentence ("Kế hoạch vốn giao X; giải ngân Y, đạt Z%")
 * a less or more specific base is accepted when nothing matches exactly; from an earlier sentence
 * of the paragraph only an exact match on a stated fund or capital type ("… vốn ĐTPT là X …
 * Giải ngân …, vốn ĐTPT là Y, đạt Z%"), since a plain "giải ngân Y, đạt Z% kế hoạch năm" may be
 * measured against a plan the paragraph never states.
 */
export function findBase(amount: Figure, figures: Figure[], text: string): Figure | null {
  const para = paragraphAt(text, amount.start);
  const specific = amount.fund !== null || amount.capital !== null;
  let best: { f: Figure; rank: number[] } | null = null;
  for (const f of figures) {
    if (f === amount || f.end > amount.start || f.start < para.start) continue;
    if (!sameMeasure(f, amount) || !BASE_METRICS.has(f.metric) || !isExact(f)) continue;
    // Carried-over money is by nature from earlier years' plans, disbursed in a later year.
    if (f.metric !== 'carried_over' && !compatible(f.year, amount.year)) continue;
    if (!compatible(f.program, amount.program) || !compatible(f.project, amount.project)) continue;
    const sameSentence = f.sentence.start === amount.sentence.start;
    const score = matchScore(f, amount, sameSentence);
    if (score === null || (!sameSentence && !(specific && score === 0))) continue;
    // Prefer the closest match, then a base at the amount's level (a total for a total, a
    // component for a component), then the nearest.
    const rank = [score, Number((f.partOf === null) !== (amount.partOf === null)), amount.start - f.end];
    if (!best || lexLess(rank, best.rank)) best = { f, rank };
  }
  return best?.f ?? null;
}

function lexLess(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** 0: same fund and capital; 1: base less specific; 2: base more specific (same sentence only). */
function matchScore(base: Figure, amount: Figure, sameSentence: boolean): number | null {
  if (base.fund === amount.fund && base.capital === amount.capital) return 0;
  if (!compatible(base.fund, amount.fund) || !compatible(base.capital, amount.capital)) return null;
  const baseMoreSpecific = (base.fund !== null && amount.fund === null) || (base.capital !== null && amount.capital === null);
  if (!baseMoreSpecific) return 1;
  return sameSentence ? 2 : null;
}

/** "đạt 71,86% so với Kế hoạch": the rate is progress against a plan, not the ratio's share. */
function againstPlan(text: string, rate: Figure): boolean {
  return /^[^.;()]{0,20}(kế hoạch|KH|mục tiêu)/iu.test(text.slice(rate.end, rate.end + 40));
}
