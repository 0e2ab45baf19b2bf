// One claim figure against stored figures: which measure the same thing, and whether their
// values agree with what the claim's wording allows. Pure: figures in (each with the dimensions it
// differs from the claim figure in, stored.ts differsOf), a verdict out.
import { z } from 'zod';
import { FigureRowSchema } from '../store/figure-row.ts';
import { allowedBy, disjoint, within, type Interval } from './interval.ts';
import type { ClaimFigure } from './claim.ts';
import type { CitedLookup, StoredFigure } from './stored.ts';

export const VERDICTS = ['supported', 'contradicted', 'not_found'] as const;
export const RELATIONS = ['supports', 'contradicts', 'inconclusive', 'other_measure'] as const;

const FindingSchema = z.object({ id: z.number(), rule: z.string(), message: z.string() });

/** What a verdict cites of a stored figure: its row (figure-row.ts), less the columns for machines. */
const CITED = {
  source: true, title: true, published: true, version: true, figure: true, text: true, value: true, unit: true,
  qualifier: true, metric: true, program: true, project: true, capital: true, province: true, district: true,
  current: true, asOf: true, year: true, start: true, end: true, quote: true, quoteStart: true, quoteEnd: true, locator: true,
} as const;

export const CitationSchema = FigureRowSchema.pick(CITED).extend({
  relation: z.enum(RELATIONS),
  /** Stored value minus the claim's value, in the unit (đồng, %, …). */
  difference: z.number(),
  /** What differs from the claim's measure (for other_measure candidates). */
  differs: z.array(z.string()),
  findings: z.array(FindingSchema),
});
export type Citation = z.infer<typeof CitationSchema>;

export const FigureVerdictSchema = z.object({
  claimed: CitationSchema.pick({ text: true, value: true, unit: true, metric: true, program: true, project: true, capital: true, province: true, district: true, asOf: true, year: true }).extend({
    /** The figure's qualifier, or 'nearly' for "gần". */
    qualifier: z.string(),
    allowed: z.object({ lo: z.number().nullable(), hi: z.number().nullable() }),
  }),
  verdict: z.enum(VERDICTS),
  /** One sentence for people. */
  summary: z.string(),
  /** The newest cited source (by the date its figure is for, then publication). */
  newest: z.object({ source: z.string(), relation: z.enum(RELATIONS) }).nullable(),
  citations: z.array(CitationSchema),
});
export type FigureVerdict = z.infer<typeof FigureVerdictSchema>;

export const CheckResultSchema = z.object({
  claim: z.string(),
  read: z.string(),
  verdict: z.enum(VERDICTS),
  figures: z.array(FigureVerdictSchema),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

/** What the stored figure's own wording allows (it is rounded too). */
function storedInterval(s: StoredFigure): Interval {
  return allowedBy({ text: s.text, value: s.value, rangeTo: s.rangeTo, qualifier: s.qualifier });
}

function relationOf(claim: Interval, s: StoredFigure): (typeof RELATIONS)[number] {
  const stored = storedInterval(s);
  // The source guarantees the claim, or the claim is finer than the source's own rounding.
  if (within(stored, claim) || (s.qualifier === 'exact' && within(claim, stored))) return 'supports';
  return disjoint(stored, claim) ? 'contradicts' : 'inconclusive';
}

/** Newer first: the date the figure is for, then publication, then ingestion. */
function newerFirst(a: StoredFigure, b: StoredFigure): number {
  const key = (s: StoredFigure) => [s.asOf ?? (s.year === null ? '' : String(s.year)), s.published ?? '', s.ingestedAt];
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? 1 : -1;
  return 0;
}

/** Candidates listed when nothing measures the same thing. */
export const CLOSEST = 5;

/** The `n` candidates nearest the claim's value: fewest dimensions differing, then closest value;
 *  ties in the order given. */
export function nearest<T extends { differs: readonly string[]; value: number }>(candidates: T[], value: number, n: number): T[] {
  return candidates
    .map((s) => ({ s, distance: distance(s.value, value) }))
    .sort((a, b) => a.s.differs.length - b.s.differs.length || a.distance - b.distance)
    .slice(0, n)
    .map(({ s }) => s);
}

/** Citations listed per verdict (newest first); the summary counts them all. */
export const MAX_CITED = 10;

export function judge(
  c: ClaimFigure,
  stored: StoredFigure[],
  cited: CitedLookup,
  format: (value: number, unit: string) => string,
): FigureVerdict {
  const f = c.figure;
  const allowed = allowedBy(f, { below: c.nearlyBelow });
  const same = stored.filter((s) => s.differs.length === 0);
  const rel = new Map(same.map((s) => [s, relationOf(allowed, s)]));
  const supporting = same.filter((s) => rel.get(s) === 'supports');
  const contradicting = same.filter((s) => rel.get(s) === 'contradicts');
  // The cited figure's whole row, parsed down to the cited columns (zod drops the rest).
  const cite = (s: StoredFigure, relation: Citation['relation'], differs: string[] = []): Citation =>
    CitationSchema.parse({ ...cited.row(s.id), relation, difference: s.value - f.value, differs, findings: cited.findings(s.id) });
  const measured = [...same].sort(newerFirst);
  const newest = measured[0] ? { source: measured[0].source, relation: rel.get(measured[0])! } : null;
  const claimed = FigureVerdictSchema.shape.claimed.parse({
    ...f,
    province: f.location?.province ?? null,
    district: f.location?.district ?? null,
    qualifier: c.nearlyBelow ? 'nearly' : f.qualifier,
    allowed: { lo: Number.isFinite(allowed.lo) ? allowed.lo : null, hi: Number.isFinite(allowed.hi) ? allowed.hi : null },
  });
  if (supporting.length) {
    const others = measured.filter((s) => rel.get(s) !== 'supports');
    const also = others.length ? `; ${others.length} other source figure${others.length === 1 ? '' : 's'} for the same measure ${others.length === 1 ? 'differs' : 'differ'}` : '';
    const top = measured[0];
    const latest = rel.get(top) === 'supports' ? '' : `; the newest (${when(top)}) says ${format(top.value, top.unit)}`;
    return {
      claimed,
      verdict: 'supported',
      summary: `supported: ${supporting.map((s) => format(s.value, s.unit)).join(', ')} in ${count(supporting, 'source figure')} for the same measure${also}${latest}`,
      newest,
      citations: [...supporting.sort(newerFirst), ...others].slice(0, MAX_CITED).map((s) => cite(s, rel.get(s)!)),
    };
  }
  if (contradicting.length) {
    const sorted = contradicting.sort(newerFirst);
    const top = sorted[0];
    const d = top.value - f.value;
    const pct = f.value ? (Math.abs(d) / Math.abs(f.value)) * 100 : 0;
    const share = pct ? ` (${pct < 1 ? pct.toPrecision(2) : pct.toFixed(1)}%)` : '';
    return {
      claimed,
      verdict: 'contradicted',
      summary:
        `contradicted: the newest source says ${format(top.value, top.unit)}, ${format(Math.abs(d), top.unit)}${share} ${d > 0 ? 'more' : 'less'} than the claim's ${f.text}` +
        (sorted.length > 1 ? `; ${sorted.length} source figures disagree with the claim` : ''),
      newest,
      citations: [...sorted, ...measured.filter((s) => rel.get(s) === 'inconclusive')].slice(0, MAX_CITED).map((s) => cite(s, rel.get(s)!)),
    };
  }
  // Nothing measures the same thing (or only figures too vague to decide): the closest candidates.
  const vague = measured.slice(0, MAX_CITED).map((s) => cite(s, 'inconclusive'));
  const closest = nearest(stored.filter((s) => !rel.has(s)), f.value, CLOSEST).map((s) => cite(s, 'other_measure', s.differs));
  return {
    claimed,
    verdict: 'not_found',
    summary: vague.length
      ? `not found: ${count(measured, 'source figure')} for the same measure ${measured.length === 1 ? 'is' : 'are'} too vague to decide (e.g. '${measured[0].text}')`
      : `not found: no stored figure measures the same thing${closest.length ? `; the closest ${closest.length} differ in ${[...new Set(closest.flatMap((x) => x.differs))].join(', ')}` : ''}`,
    newest,
    citations: [...vague, ...closest],
  };
}

const when = (s: StoredFigure) => s.asOf ?? (s.year === null ? 'undated' : String(s.year));
const count = (xs: unknown[], noun: string) => `${xs.length} ${noun}${xs.length === 1 ? '' : 's'}`;
const distance = (a: number, b: number) => Math.abs(Math.log((Math.abs(a) + 1) / (Math.abs(b) + 1)));

/** Many claim figures: contradicted if any is, else not found if any is, else supported. */
export function overall(verdicts: FigureVerdict['verdict'][]): FigureVerdict['verdict'] {
  if (verdicts.includes('contradicted')) return 'contradicted';
  if (verdicts.includes('not_found') || verdicts.length === 0) return 'not_found';
  return 'supported';
}
