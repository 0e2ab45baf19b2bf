// Rule 2: components against their total. Figures linked by partOf to the same total are grouped
// by what splits them: by fund (NSTW + NSĐP [+ other]), by capital type (ĐTPT + SN), or otherwise
// (years, items). A fund or capital split is compared only when complete; an open-ended list
// ("trong đó: …" naming some items) can only be wrong by exceeding its total.
import type { Figure } from '../contract/schema.ts';
import type { AuditFinding } from './finding.ts';
import { formatValue, halfStep, isExact } from './precision.ts';
import { byId, compatible, sameMeasure } from './scope.ts';

const FUND_LABEL: Record<NonNullable<Figure['fund']>, string> = { nstw: 'NSTW', nsdp: 'NSĐP', other: 'other sources' };
const CAPITAL_LABEL: Record<NonNullable<Figure['capital']>, string> = { dtpt: 'ĐTPT', sn: 'SN' };

type Split = { kind: 'fund' | 'capital'; parts: Figure[] } | { kind: 'other'; parts: Figure[] };

export function checkComponents(figures: Figure[]): AuditFinding[] {
  const ids = byId(figures);
  const children = new Map<string, Figure[]>();
  for (const f of figures) {
    if (f.partOf === null) continue;
    const list = children.get(f.partOf) ?? [];
    list.push(f);
    children.set(f.partOf, list);
  }
  const out: AuditFinding[] = [];
  for (const [totalId, parts] of children) {
    const total = ids.get(totalId);
    if (!total || !isExact(total)) continue;
    const usable = parts.filter((p) => sameMeasure(p, total) && p.project === total.project);
    // A disbursement linked under an allocation (or the reverse) means the links are not a split.
    if (usable.some((p) => !isExact(p) || (p.metric !== null && total.metric !== null && spent(p) !== spent(total)))) continue;
    for (const split of splits(total, usable)) {
      const f = compare(total, split);
      if (f && !misattached(f.found, total, split.parts, figures)) out.push(f);
    }
  }
  return out;
}

/** Money spent versus money planned or raised: the two sides a split never mixes. */
function spent(f: Figure): boolean {
  return f.metric === 'disbursed';
}

/** The complete fund and capital splits of a total, and the rest as one open-ended list. */
export function splits(total: Figure, parts: Figure[]): Split[] {
  const out: Split[] = [];
  const byFund = parts.filter((p) => p.fund !== null && total.fund === null);
  // "NSTW a (ĐTPT b, SN c)" linked to the total too: the fund split is the fund-level figures.
  const fundLevel = byFund.some((p) => p.capital === total.capital) ? byFund.filter((p) => p.capital === total.capital) : byFund;
  // NSTW and NSĐP once each; "other sources" may be several (lồng ghép, tín dụng, dân góp).
  const count = (fund: Figure['fund']) => fundLevel.filter((p) => p.fund === fund).length;
  if (count('nstw') === 1 && count('nsdp') === 1)
    out.push({ kind: 'fund', parts: fundLevel });
  const byCapital = parts.filter((p) => p.capital !== null && total.capital === null && compatible(p.fund, total.fund) && !byFund.includes(p));
  const capitals = byCapital.map((p) => p.capital);
  if (capitals.includes('dtpt') && capitals.includes('sn') && capitals.length === 2) out.push({ kind: 'capital', parts: byCapital });
  // Only amounts of money make an open-ended list: counts in one sentence ("23/115 xã …, 28 xã …,
  // tăng 13 xã") describe the same things in several ways more often than they split a total.
  if (total.kind !== 'money') return out;
  const rest = parts.filter(
    (p) => !byFund.includes(p) && !byCapital.includes(p) && compatible(p.fund, total.fund) && compatible(p.capital, total.capital),
  );
  if (rest.length >= 2) out.push({ kind: 'other', parts: rest });
  return out;
}

function compare(total: Figure, split: Split): AuditFinding | null {
  const sum = split.parts.reduce((s, p) => s + p.value, 0);
  const tolerance = halfStep(total) + split.parts.reduce((s, p) => s + halfStep(p), 0) + 1e-9 * Math.abs(total.value);
  const diff = sum - total.value;
  if (split.kind === 'other' ? diff <= tolerance : Math.abs(diff) <= tolerance) return null;
  const label = (p: Figure) =>
    split.kind === 'fund' ? `${FUND_LABEL[p.fund!]} ${p.text}` : split.kind === 'capital' ? `${CAPITAL_LABEL[p.capital!]} ${p.text}` : p.text;
  const fmt = (v: number) => formatValue(v, total.kind, total.unit);
  const verb = split.kind === 'other' ? 'exceed' : 'do not add up to';
  return {
    rule: 'components',
    message:
      `${split.parts.map(label).join(' + ')} = ${fmt(sum)}, which ${split.kind === 'other' ? 'exceeds' : 'differs from'} ` +
      `the total ${total.text} by ${fmt(Math.abs(diff))} (components ${verb} the total)`,
    expected: total.value,
    found: sum,
    figures: [{ id: total.id, role: 'total' }, ...split.parts.map((p) => ({ id: p.id, role: 'component' as const }))],
  };
}

/** Parts that add up to another stated amount nearby were linked to the wrong total (e.g. the
 *  year-2024 share instead of the 2021-2024 total they split): no finding about the source. */
function misattached(sum: number, total: Figure, parts: Figure[], figures: Figure[]): boolean {
  const tolerance = parts.reduce((s, p) => s + halfStep(p), 0);
  return figures.some(
    (f) =>
      f !== total &&
      !parts.includes(f) &&
      sameMeasure(f, total) &&
      Math.abs(f.start - total.start) < 2000 &&
      Math.abs(f.value - sum) <= tolerance + halfStep(f),
  );
}
