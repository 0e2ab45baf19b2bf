// Links between figures: partOf (a component and its total: "trong đó", "(ĐTPT a, SN b)",
// "gồm", footnote breakdowns) and rateOf (a percentage and the amount it is a rate of).
import type { Lexicons } from '../patterns/lexicons.ts';
import { L } from '../patterns/lexicons.ts';
import type { Item } from './item.ts';

interface Scope {
  /** Index of the total, or -1 until the first component says which kind of total it needs. */
  parent: number;
  paren: boolean;
  /** Sentence end (folded) where a marker scope closes. */
  closeAt: number;
}

const markerRes = new WeakMap<Lexicons, RegExp>();

function events(lex: Lexicons): RegExp {
  let re = markerRes.get(lex);
  if (!re) {
    re = new RegExp(`[()]|(?<![${L}])(?:${lex.breakdownAlt})(?![${L}])`, 'g');
    markerRes.set(lex, re);
  }
  return re;
}

/** Sets `partOf` on items (sorted by position). */
export function linkParts(items: Item[], ft: string, lex: Lexicons): void {
  const re = events(lex);
  let scopes: Scope[] = [];
  let prevEnd = 0;
  let region: number | null = null; // footnote start of the current region
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    const itRegion = it.footnote ? it.footnote.start : null;
    if (itRegion !== region || (k > 0 && items[k - 1].ss !== it.ss)) {
      // A new sentence or footnote body: open breakdowns there are their own.
      scopes = scopes.filter((s) => !s.paren && s.closeAt > it.c.fs);
      if (itRegion !== region) scopes = [];
      region = itRegion;
      prevEnd = Math.max(prevEnd, it.ss, it.footnote ? it.footnote.start : 0);
    }
    scopes = scopes.filter((s) => s.paren || s.closeAt > it.c.fs);
    re.lastIndex = prevEnd;
    let m: RegExpExecArray | null;
    while ((m = re.exec(ft)) && m.index < it.c.fs) {
      if (m[0] === ')') {
        const i = findLast(scopes, (s) => s.paren);
        if (i >= 0) scopes = scopes.slice(0, i);
        continue;
      }
      const prev = k > 0 ? items[k - 1] : null;
      const directlyAfter = prev !== null && /^\s*$/.test(ft.slice(prev.c.fe, m.index));
      if (m[0] === '(') {
        const parent = directlyAfter && prev!.c.kind !== 'percent' ? k - 1 : -1;
        scopes.push({ parent, paren: true, closeAt: it.se });
      } else {
        const top = scopes[scopes.length - 1];
        // "(trong đó: …": the marker names the scope the parenthesis opened.
        if (top && top.paren && top.parent === -1 && /^\(\s*$/.test(ft.slice(ft.lastIndexOf('(', m.index), m.index))) continue;
        scopes.push({ parent: -1, paren: false, closeAt: it.se });
      }
    }
    prevEnd = it.c.fe;
    if (it.c.kind === 'percent') continue;
    const scope = scopes[scopes.length - 1];
    if (!scope) continue;
    if (scope.parent === -1) scope.parent = nearestTotal(items, k, it);
    const parent = scope.parent >= 0 ? items[scope.parent] : null;
    if (parent && parent.c.kind === it.c.kind && parent.index !== it.index) it.partOf = parent.index;
  }
}

function findLast<T>(a: T[], p: (x: T) => boolean): number {
  for (let i = a.length - 1; i >= 0; i--) if (p(a[i])) return i;
  return -1;
}

/**
 * The total a breakdown refers to: the nearest earlier figure of the same kind in the same region
 * (for a footnote body with no figure before, the figure the footnote is attached to).
 */
function nearestTotal(items: Item[], k: number, it: Item): number {
  for (let j = k - 1; j >= 0; j--) {
    const p = items[j];
    if ((p.footnote?.start ?? null) !== (it.footnote?.start ?? null)) break;
    if (p.c.kind === it.c.kind) return j;
  }
  if (it.footnote?.refAt != null) return referent(items, it.footnote.refAt, it.c.kind);
  return -1;
}

/** The figure that ends right where a footnote marker stands. */
export function referent(items: Item[], refAt: number, kind: Item['c']['kind']): number {
  let best = -1;
  for (let j = 0; j < items.length; j++) {
    const p = items[j];
    if (p.footnote) continue;
    if (p.c.fe <= refAt && refAt - p.c.fe <= 3 && p.c.kind === kind) best = j;
    if (p.c.fs > refAt) break;
  }
  return best;
}

/** Sets `rateOf` on percentages introduced by "đạt"/"bằng" after an amount in their sentence. */
export function linkRates(items: Item[], ft: string, lex: Lexicons, rateVerb: RegExp): void {
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    if (it.c.kind !== 'percent') continue;
    const window = ft.slice(it.ws, it.c.fs);
    if (!rateVerb.test(window)) continue;
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
