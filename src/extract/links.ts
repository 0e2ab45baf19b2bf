// Links between figures: partOf (a component and its total: "trong đó", "(ĐTPT a, SN b)",
// "gồm", footnote breakdowns) and rateOf (a percentage and the amount it is a rate of).
import type { Lexicons } from '../patterns/lexicons.ts';
import { L } from '../patterns/lexicons.ts';
import type { Item } from './item.ts';

const UNRESOLVED = -1;
const NONE = -2;

interface Scope {
  /** Index (into items) of the total; UNRESOLVED until the first component; NONE if there is none. */
  parent: number;
  paren: boolean;
  /** Does this scope break a total down (vs. a remark in brackets)? */
  breakdown: boolean;
  /** Folded offset where a marker scope closes (its sentence end). */
  closeAt: number;
  /** "Trong đó …" opening a sentence refers to the total of the sentence before. */
  crossSentence: boolean;
}

const markerRes = new WeakMap<Lexicons, { events: RegExp; opener: RegExp }>();

function res(lex: Lexicons) {
  let r = markerRes.get(lex);
  if (!r) {
    const marker = `(?<![${L}])(?:${lex.breakdownAlt})(?![${L}])`;
    r = { events: new RegExp(`[()]|${marker}`, 'g'), opener: new RegExp(`^\\s*(?:${marker}|(?:${lex.capitalRe.source})|(?:${lex.fundRe.source}))`) };
    markerRes.set(lex, r);
  }
  return r;
}

/** Sets `partOf` on items (sorted by position). */
export function linkParts(items: Item[], ft: string, lex: Lexicons): void {
  const { events, opener } = res(lex);
  let scopes: Scope[] = [];
  let prevEnd = 0;
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    const prev = k > 0 ? items[k - 1] : null;
    const newRegion = !prev || (prev.footnote?.start ?? null) !== (it.footnote?.start ?? null);
    if (newRegion) {
      scopes = [];
      prevEnd = Math.max(prevEnd, it.footnote ? it.footnote.start : it.ss);
      // A footnote that opens with "trong đó" or a fund/capital word breaks down the figure it explains.
      const body = it.footnote ? ft.slice(it.footnote.start, it.c.fs).replace(/^\[\d+:\s*/, '') : '';
      if (it.footnote?.refAt != null && opener.test(body)) {
        scopes.push({ parent: referent(items, it.footnote.refAt, it.c.kind), paren: false, breakdown: true, closeAt: it.footnote.end, crossSentence: false });
      }
    } else if (prev!.ss !== it.ss) {
      scopes = scopes.filter((s) => !s.paren && s.closeAt > it.c.fs);
      prevEnd = Math.max(prevEnd, it.ss);
    }
    scopes = scopes.filter((s) => s.paren || s.closeAt > it.c.fs);
    events.lastIndex = prevEnd;
    let m: RegExpExecArray | null;
    while ((m = events.exec(ft)) && m.index < it.c.fs) {
      if (m[0] === ')') {
        const i = lastParen(scopes);
        if (i >= 0) scopes = scopes.slice(0, i);
      } else if (m[0] === '(') {
        const direct = prev !== null && prev.c.kind !== 'percent' && prev.ss === it.ss && /^\s*$/.test(ft.slice(prev.c.fe, m.index));
        const remark = lex.notBreakdownStart.test(ft.slice(m.index + 1, m.index + 40));
        scopes.push({ parent: direct ? k - 1 : NONE, paren: true, breakdown: direct && !remark, closeAt: it.se, crossSentence: false });
      } else {
        const top = scopes[scopes.length - 1];
        // The "Trong đó:" that opens a footnote body is the opener scope itself.
        if (top && it.footnote && top.closeAt === it.footnote.end && /^\[?\d*:?\s*$/.test(ft.slice(it.footnote.start, m.index))) continue;
        if (top && top.paren && /^\(\s*$/.test(ft.slice(ft.lastIndexOf('(', m.index), m.index))) {
          // "(trong đó: …": the marker makes the bracket a breakdown.
          top.breakdown = true;
          if (top.parent === NONE) top.parent = UNRESOLVED;
        } else {
          const opensSentence = m.index - it.ss <= 3;
          scopes.push({ parent: UNRESOLVED, paren: false, breakdown: true, closeAt: it.se, crossSentence: opensSentence });
        }
      }
    }
    prevEnd = it.c.fe;
    if (it.c.kind === 'percent') continue;
    const scope = scopes[scopes.length - 1];
    if (!scope || !scope.breakdown) continue;
    if (scope.parent === UNRESOLVED) scope.parent = nearestTotal(items, k, scope.crossSentence);
    const parent = scope.parent >= 0 ? items[scope.parent] : null;
    if (parent && parent.c.kind === it.c.kind && parent !== it) it.partOf = parent.index;
  }
}

function lastParen(scopes: Scope[]): number {
  for (let i = scopes.length - 1; i >= 0; i--) if (scopes[i].paren) return i;
  return -1;
}

/** The total a breakdown refers to: the nearest earlier figure of the same kind (and unit). */
function nearestTotal(items: Item[], k: number, crossSentence: boolean): number {
  const it = items[k];
  let previousSentence: number | null = null;
  for (let j = k - 1; j >= 0; j--) {
    const p = items[j];
    if ((p.footnote?.start ?? null) !== (it.footnote?.start ?? null)) break;
    if (p.ss !== it.ss) {
      // Only "Trong đó …" at a sentence's start reaches back, and only into the sentence before.
      if (!crossSentence || (previousSentence !== null && p.ss !== previousSentence)) break;
      previousSentence = p.ss;
    }
    if (p.c.kind === it.c.kind && (p.c.kind !== 'quantity' || p.c.unit === it.c.unit)) return j;
  }
  return NONE;
}

/** The figure that ends right where a footnote marker stands (items are sorted by position). */
export function referent(items: Item[], refAt: number, kind: Item['c']['kind']): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].c.fs <= refAt) lo = mid + 1;
    else hi = mid;
  }
  for (let j = lo - 1; j >= 0 && refAt - items[j].c.fe <= 3; j--) {
    const p = items[j];
    if (!p.footnote && p.c.fe <= refAt && p.c.kind === kind) return j;
  }
  return NONE;
}

/** Sets `rateOf` on percentages introduced by "đạt"/"bằng" after an amount in their sentence. */
export function linkRates(items: Item[], ft: string, rateVerb: RegExp): void {
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    if (it.c.kind !== 'percent') continue;
    if (!rateVerb.test(ft.slice(it.ws, it.c.fs))) continue;
    for (let j = k - 1; j >= 0; j--) {
      const p = items[j];
      if (p.c.fs < it.ss) break;
      if (p.c.kind === 'percent' && p.rateOf !== null) break; // the amount before already has its rate
      if (p.c.kind === 'money') {
        it.rateOf = p.index;
        break;
      }
    }
  }
}
