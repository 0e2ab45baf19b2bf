// `check`: a claim sentence against the store. Reads the claim, gathers stored figures that may
// measure the same thing, and judges each claim figure.
import type { Db } from '../store/db.ts';
import { readClaim } from './claim.ts';
import { formatValue } from './format.ts';
import { citedLookup, storedLike, type StoredFigure } from './stored.ts';
import { judge, overall, type CheckResult } from './verdict.ts';

export function checkClaim(db: Db, claim: string): CheckResult {
  const read = readClaim(claim);
  const cited = citedLookup(db);
  const figures = read.figures.map((c) => {
    const strict = storedLike(db, c.figure, { strict: true, place: true });
    const verdict = judge(c, strict, cited, formatValue);
    if (verdict.verdict !== 'not_found' || verdict.citations.some((x) => x.relation === 'inconclusive')) return verdict;
    // Nothing for that measure: look wider for the closest candidates (same place first).
    let wider = storedLike(db, c.figure, { strict: false, place: true });
    if (!wider.length) wider = storedLike(db, c.figure, { strict: true, place: false });
    return judge(c, union(strict, wider), cited, formatValue);
  });
  return { claim, read: read.text, verdict: overall(figures.map((f) => f.verdict)), figures };
}

function union(a: StoredFigure[], b: StoredFigure[]): StoredFigure[] {
  const seen = new Set(a.map((s) => s.id));
  return [...a, ...b.filter((s) => !seen.has(s.id))];
}

export const EXIT_CODES = { supported: 0, contradicted: 1, not_found: 2 } as const;
