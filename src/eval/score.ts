// Scores extracted figures against gold: detection and exact value per kind (precision, recall,
// F1), accuracy of each field on matched figures, and disbursement facts (amount, rate, place,
// programme and asOf all right). Pure: figures in, counts out.
import type { Figure } from '../contract/schema.ts';
import type { GoldFigure } from '../contract/gold.ts';
import { KINDS } from '../contract/schema.ts';
import type { RealFact } from './real-load.ts';
import { foldPhrase } from '../text/fold.ts';

export const FIELDS = [
  'unit',
  'per',
  'of',
  'rangeTo',
  'qualifier',
  'metric',
  'rateKind',
  'rateOf',
  'partOf',
  'program',
  'project',
  'fund',
  'capital',
  'location',
  'asOf',
  'year',
] as const;
export type Field = (typeof FIELDS)[number];
/** Meaning fields scored on the kind they belong to (a quantity's null metric is no success). */
const KIND_FIELDS = { metric: 'money', rateKind: 'percent' } as const;
type Scored = Field | `${keyof typeof KIND_FIELDS}.${string}`;

export interface Tally {
  /** Per kind: gold count, predicted count, detected (span match, same kind), and exact value. */
  kinds: Record<string, { gold: number; pred: number; detected: number; exact: number }>;
  fields: Partial<Record<Scored, { right: number; total: number }>>;
  facts: { right: number; total: number };
  /** Mismatches for the report: what was expected and what came out. */
  errors: { source: string; field: string; text: string; start: number; gold: unknown; pred: unknown }[];
}

export function emptyTally(): Tally {
  return {
    kinds: Object.fromEntries(KINDS.map((k) => [k, { gold: 0, pred: 0, detected: 0, exact: 0 }])),
    fields: Object.fromEntries(FIELDS.map((f) => [f, { right: 0, total: 0 }])),
    facts: { right: 0, total: 0 },
    errors: [],
  };
}

const sameNumber = (a: number | null, b: number | null) =>
  a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));

/** Pairs each gold figure with the predicted figure whose span overlaps it most. */
export function matchFigures(gold: readonly GoldFigure[], pred: readonly Figure[]): Map<GoldFigure, Figure> {
  const pairs = new Map<GoldFigure, Figure>();
  const used = new Set<Figure>();
  let j = 0;
  const sorted = [...pred].sort((a, b) => a.start - b.start);
  for (const g of gold) {
    while (j < sorted.length && sorted[j].end <= g.start) j++;
    let best: Figure | null = null;
    let bestOverlap = 0;
    for (let k = j; k < sorted.length && sorted[k].start < g.end; k++) {
      const p = sorted[k];
      if (used.has(p)) continue;
      const overlap = Math.min(p.end, g.end) - Math.max(p.start, g.start);
      if (overlap > bestOverlap) [best, bestOverlap] = [p, overlap];
    }
    if (best) {
      pairs.set(g, best);
      used.add(best);
    }
  }
  return pairs;
}

export function scoreDocument(source: string, gold: readonly GoldFigure[], pred: readonly Figure[], t: Tally, fields: readonly Field[] = FIELDS, withFacts = true): void {
  const pairs = matchFigures(gold, pred);
  const goldOfPred = new Map<string, GoldFigure>();
  for (const [g, p] of pairs) goldOfPred.set(p.id, g);
  const linkStart = (id: string | null) => (id === null ? null : (goldOfPred.get(id)?.start ?? -1));

  for (const g of gold) t.kinds[g.kind].gold++;
  for (const p of pred) t.kinds[p.kind].pred++;
  const matched = new Set(pairs.values());
  for (const g of gold) if (pairs.get(g)?.kind !== g.kind) t.errors.push({ source, field: 'missed', text: g.text, start: g.start, gold: g.kind, pred: pairs.get(g)?.text ?? null });
  for (const p of pred) if (!matched.has(p)) t.errors.push({ source, field: 'spurious', text: p.text, start: p.start, gold: null, pred: p.kind });
  for (const [g, p] of pairs) {
    if (p.kind !== g.kind) continue;
    t.kinds[g.kind].detected++;
    if (sameNumber(p.value, g.value)) t.kinds[g.kind].exact++;
    else t.errors.push({ source, field: 'value', text: g.text, start: g.start, gold: g.value, pred: p.value });
    for (const f of fields) {
      const want = g[f];
      const got = f === 'rateOf' || f === 'partOf' ? linkStart(p[f]) : p[f];
      const ok =
        f === 'location'
          ? JSON.stringify(want) === JSON.stringify(got)
          : typeof want === 'number' || typeof got === 'number'
            ? sameNumber(want as number | null, got as number | null)
            : want === got;
      const keys: Scored[] = [f];
      if (f in KIND_FIELDS && KIND_FIELDS[f as keyof typeof KIND_FIELDS] === g.kind) keys.push(`${f}.${g.kind}` as Scored);
      for (const k of keys) {
        const c = (t.fields[k] ??= { right: 0, total: 0 });
        c.total++;
        if (ok) c.right++;
      }
      if (!ok) t.errors.push({ source, field: f, text: g.text, start: g.start, gold: want, pred: got });
    }
  }

  if (!withFacts) return;
  // Disbursement facts: each disbursed amount in the gold, with its rate, place, programme, date.
  const rateOfGold = new Map<number, GoldFigure>();
  for (const g of gold) if (g.kind === 'percent' && g.rateOf !== null) rateOfGold.set(g.rateOf, g);
  for (const g of gold) {
    if (g.kind !== 'money' || g.metric !== 'disbursed') continue;
    t.facts.total++;
    const p = pairs.get(g);
    if (!p || p.metric !== 'disbursed' || !sameNumber(p.value, g.value)) continue;
    const goldRate = rateOfGold.get(g.start) ?? null;
    const predRate = pred.find((x) => x.kind === 'percent' && x.rateOf === p.id) ?? null;
    const rateOk = goldRate === null ? predRate === null : predRate !== null && sameNumber(predRate.value, goldRate.value);
    const placeOk = g.location?.province === p.location?.province && g.location?.current === p.location?.current;
    if (rateOk && placeOk && g.program === p.program && g.asOf === p.asOf) t.facts.right++;
    else t.errors.push({ source, field: 'fact', text: g.text, start: g.start, gold: describe(g, goldRate), pred: describe(p, predRate) });
  }
}

/**
 * Disbursement facts stated apart from the figures (../shared/real): a disbursed amount with its
 * rate, place (the most specific name), programme and as-of date, all right.
 */
export function scoreFacts(source: string, facts: readonly RealFact[], pred: readonly Figure[], t: Tally): void {
  const used = new Set<Figure>();
  for (const g of facts) {
    t.facts.total++;
    // The amount nearest the fact's sentence: the same amount may be stated twice.
    const p = pred
      .filter((x) => !used.has(x) && x.kind === 'money' && x.metric === 'disbursed' && sameNumber(x.value, g.disbursed))
      .sort((a, b) => Math.abs(a.sentence.start - g.quote_start) - Math.abs(b.sentence.start - g.quote_start))[0];
    const rate = p ? (pred.find((x) => x.kind === 'percent' && x.rateOf === p.id) ?? null) : null;
    const got = p ? { value: p.value, rate: rate?.value ?? null, program: p.program, asOf: p.asOf, location: p.location?.district ?? p.location?.province ?? null } : null;
    const want = { value: g.disbursed, rate: g.rate, program: g.program, asOf: g.as_of, location: g.location };
    const samePlace = (a: string | null, b: string | null) => (a === null || b === null ? a === b : foldPhrase(a) === foldPhrase(b));
    if (p) used.add(p);
    if (got && sameNumber(got.rate, want.rate) && got.program === want.program && got.asOf === want.asOf && samePlace(got.location, want.location)) t.facts.right++;
    else t.errors.push({ source, field: 'fact', text: `@${g.quote_start}`, start: g.quote_start, gold: want, pred: got });
  }
}

function describe(f: { value: number; program: unknown; asOf: unknown; location: unknown }, rate: { value: number } | null) {
  return { value: f.value, rate: rate?.value ?? null, program: f.program, asOf: f.asOf, location: f.location };
}

export interface Scores {
  kinds: Record<string, { precision: number; recall: number; f1: number; valueF1: number }>;
  fields: Record<string, number>;
  facts: number;
}

const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
// Nothing to measure is not a perfect score: NaN, shown as n/a and left out of the ratchet.
const ratio = (a: number, b: number) => (b === 0 ? NaN : a / b);

export function scores(t: Tally): Scores {
  const kinds: Scores['kinds'] = {};
  for (const [k, c] of Object.entries(t.kinds)) {
    const p = ratio(c.detected, c.pred);
    const r = ratio(c.detected, c.gold);
    kinds[k] = { precision: p, recall: r, f1: f1(p, r), valueF1: f1(ratio(c.exact, c.pred), ratio(c.exact, c.gold)) };
  }
  const fields = Object.fromEntries(Object.entries(t.fields).map(([f, c]) => [f, ratio(c!.right, c!.total)]));
  return { kinds, fields, facts: ratio(t.facts.right, t.facts.total) };
}
