// Links between figures: partOf (a component and its total: "trong đó", "(ĐTPT a, SN b)",
// "gồm", footnote breakdowns) and rateOf (a percentage and the amount it is a rate of).
import { L, compiled, type Lexicons } from '../patterns/lexicons.ts';
import type { Item } from './item.ts';
import { set } from './pass.ts';
import { lastAtOrBefore } from '../text/search.ts';

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
  /** What opened the scope, for provenance. */
  rule: string;
}

function markers(lex: Lexicons): { events: RegExp; opener: RegExp } {
  const marker = `(?<![${L}])(?:${lex.breakdownAlt})(?![${L}])`;
  return { events: new RegExp(`[():]|${marker}`, 'g'), opener: new RegExp(`^\\s*(?:${marker}|(?:${lex.capitalRe.source})|(?:${lex.fundRe.source}))`) };
}

/** Sets `partOf` on items (sorted by position). */
export function linkParts(items: Item[], ft: string, lex: Lexicons): void {
  const { events, opener } = compiled(lex, markers);
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
        scopes.push({ parent: referent(items, it.footnote.refAt, it.c.kind), paren: false, breakdown: true, closeAt: it.footnote.end, crossSentence: false, rule: 'a footnote that opens with a breakdown word' });
      }
    } else if (prev!.ss !== it.ss) {
      if (scopes.length) scopes = scopes.filter((s) => !s.paren && s.closeAt > it.c.fs);
      prevEnd = Math.max(prevEnd, it.ss);
    }
    if (scopes.length) scopes = scopes.filter((s) => s.paren || s.closeAt > it.c.fs);
    // "…, trong đó 312 người …; hỗ trợ 27 lao động …": a new action after ';' ends the breakdown.
    lex.breakdownEnder.lastIndex = 0;
    if (scopes.length && lex.breakdownEnder.test(ft.slice(prevEnd, it.c.fs))) scopes = scopes.filter((s) => s.paren);
    // Only the words between the previous figure and this one (a slice keeps the scan linear).
    const gap = ft.slice(prevEnd, it.c.fs);
    events.lastIndex = 0;
    for (let e: RegExpExecArray | null; (e = events.exec(gap)); ) {
      const tok = e[0];
      const at = prevEnd + e.index;
      if (tok === ')') {
        const i = lastParen(scopes);
        if (i >= 0) scopes = scopes.slice(0, i);
      } else if (tok === ':') {
        // "49 đài: 8 đài thiết lập mới, 41 đài …": a count followed by a colon is broken down.
        if (prev !== null && prev.c.kind !== 'percent' && prev.ss === it.ss && /^\s*$/.test(ft.slice(prev.c.fe, at))) {
          scopes.push({ parent: k - 1, paren: false, breakdown: true, closeAt: it.se, crossSentence: false, rule: "a figure followed by ':'" });
        }
      } else if (tok === '(') {
        const direct = bracketedFigure(items, k, ft, at);
        const remark = lex.notBreakdownStart.test(ft.slice(at + 1, at + 40));
        scopes.push({ parent: direct, paren: true, breakdown: direct !== NONE && !remark, closeAt: it.se, crossSentence: false, rule: 'brackets after the total' });
      } else {
        const top = scopes[scopes.length - 1];
        // The "Trong đó:" that opens a footnote body is the opener scope itself.
        if (top && it.footnote && top.closeAt === it.footnote.end && /^\[?\d*:?\s*$/.test(ft.slice(it.footnote.start, at))) continue;
        if (top && top.paren && /^\(\s*$/.test(ft.slice(ft.lastIndexOf('(', at), at))) {
          // "(trong đó: …": the marker makes the bracket a breakdown.
          top.breakdown = true;
          top.rule = `structure.breakdown in brackets: '${tok}'`;
          if (top.parent === NONE) top.parent = UNRESOLVED;
        } else {
          const opensSentence = at - it.ss <= 3;
          scopes.push({ parent: UNRESOLVED, paren: false, breakdown: true, closeAt: it.se, crossSentence: opensSentence, rule: `structure.breakdown: '${tok}'` });
        }
      }
    }
    prevEnd = it.c.fe;
    if (it.c.kind === 'percent') continue;
    const scope = scopes[scopes.length - 1];
    if (!scope || !scope.breakdown) continue;
    if (scope.parent === UNRESOLVED) scope.parent = nearestTotal(items, k, scope.crossSentence, lex);
    const parent = scope.parent >= 0 ? items[scope.parent] : null;
    if (parent && parent.c.kind === it.c.kind && parent !== it) set(it, 'partOf', parent.index, `${scope.rule}: a component of f${parent.index}`);
  }
}

/**
 * The figure a bracket opening at `at` (before items[k]) follows: right after it, or after the
 * words that name what it counts ("46 công trình nước sinh hoạt tập trung (đã hoàn thành 23 …"),
 * or past its rate ("152.806 triệu đồng, đạt 87,16% kế hoạch (ĐTPT 91.245 triệu đồng …"). NONE if none.
 */
function bracketedFigure(items: Item[], k: number, ft: string, at: number): number {
  const prev = items[k - 1];
  if (!prev || prev.ss !== items[k].ss) return NONE;
  if (prev.c.kind !== 'percent') return /^[^,;:()\d]{0,60}$/.test(ft.slice(prev.c.fe, at)) ? k - 1 : NONE;
  const amount = items[k - 2];
  const rated = amount && amount.c.kind !== 'percent' && amount.ss === prev.ss && /^[^;:()\d]{0,20}$/.test(ft.slice(amount.c.fe, prev.c.fs));
  return rated && /^[^,;:()\d]{0,30}$/.test(ft.slice(prev.c.fe, at)) ? k - 2 : NONE;
}

function lastParen(scopes: Scope[]): number {
  for (let i = scopes.length - 1; i >= 0; i--) if (scopes[i].paren) return i;
  return -1;
}

/**
 * The total a breakdown refers to: the nearest earlier figure of the same kind — for counts, one
 * of the same family of units if the sentence has one ("12 cơ sở, gồm 3 trường và 09 trung tâm").
 * Only "Trong đó …" opening a sentence reaches back, and only into the sentence before.
 */
function nearestTotal(items: Item[], k: number, crossSentence: boolean, lex: Lexicons): number {
  const it = items[k];
  const family = (x: Item) => lex.unitFamily.get(x.c.unit) ?? x.c.unit;
  // "Trong đó …" opening a sentence looks back to the nearest earlier sentence that holds a
  // figure of its kind (at most three sentences back: the sentences between may hold counts).
  let previousSentence: number | null = null;
  let sentencesBack = 0;
  let sameKind = NONE;
  for (let j = k - 1; j >= 0; j--) {
    const p = items[j];
    if ((p.footnote?.start ?? null) !== (it.footnote?.start ?? null)) break;
    if (p.ss !== it.ss && p.ss !== previousSentence) {
      if (!crossSentence || ++sentencesBack > 3 || (previousSentence !== null && sameKindIn(items, j + 1, previousSentence, it.c.kind))) break;
      previousSentence = p.ss;
    }
    if (p.c.kind !== it.c.kind) continue;
    // "872/1.167 tỷ đồng, …, trong đó …": the parts break down the achieved amount, not the plan.
    if (p.c.role === 'plan' && items[j - 1]?.c.role === 'achieved') return j - 1;
    // Further back than the sentence before, only a total that is no component itself.
    if (sentencesBack > 1 && p.partOf !== null) continue;
    if (p.c.kind !== 'quantity' || family(p) === family(it)) return j;
    if (sameKind === NONE && p.ss === it.ss) sameKind = j;
  }
  return sameKind;
}

/** Does the sentence starting at `ss` (its items from index `from` on) hold a figure of `kind`? */
function sameKindIn(items: Item[], from: number, ss: number, kind: Item['c']['kind']): boolean {
  for (let j = from; j < items.length && items[j].ss === ss; j++) if (items[j].c.kind === kind) return true;
  return false;
}

/** The figure that ends right where a footnote marker stands (items are sorted by position). */
export function referent(items: Item[], refAt: number, kind: Item['c']['kind']): number {
  for (let j = lastAtOrBefore(items, refAt, (x) => x.c.fs); j >= 0 && refAt - items[j].c.fe <= 3; j--) {
    const p = items[j];
    if (!p.footnote && p.c.fe <= refAt && p.c.kind === kind) return j;
  }
  return NONE;
}

/** Sets `rateOf` on percentages introduced by "đạt"/"bằng" after an amount in their sentence. */
export function linkRates(items: Item[], ft: string, rateVerb: RegExp, subjects: { re: RegExp; money: Set<string> }): void {
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    if (it.c.kind !== 'percent') continue;
    const words = ft.slice(it.ws, it.c.fs);
    if (!rateVerb.test(words)) continue;
    // "…, nâng tỷ lệ lao động qua đào tạo đạt 51%": the rate has a subject of its own.
    if ([...words.matchAll(subjects.re)].some((m) => !subjects.money.has(m[0]))) continue;
    for (let j = k - 1; j >= 0; j--) {
      const p = items[j];
      if (p.c.fs < it.ss) break;
      if (p.c.kind === 'percent' && p.rateOf !== null) break; // the amount before already has its rate
      if (p.c.kind === 'money') {
        // "508.424/1.239.405 triệu đồng, đạt 41,02%": the rate is the achieved part's.
        const target = p.c.role === 'plan' && items[j - 1]?.c.role === 'achieved' ? items[j - 1] : p;
        set(it, 'rateOf', target.index, `metrics.rateVerbs: '${rateVerb.exec(ft.slice(it.ws, it.c.fs))?.[0] ?? ''}' after the amount f${target.index}`);
        break;
      }
    }
  }
}

const SUB = /^Tiểu dự án \d+ (Dự án \d+)$/;
const announced = (lex: Lexicons) => new RegExp(`(?<![${L}])(?:${lex.breakdownAlt})\\s*:?\\s*$`);

/**
 * "Dự án 3: … giao là 528.731 triệu đồng; giải ngân … 204.284 triệu đồng, trong đó:" followed by
 * "a) Tiểu dự án 1: … giao là 35.249 …": each sub-project amount is part of its project's amount
 * of the same metric, when the project's paragraph ends by announcing the breakdown.
 */
export function linkSubProjects(items: Item[], ft: string, lex: Lexicons): void {
  const announce = compiled(lex, announced);
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    const sub = it.project ? SUB.exec(it.project) : null;
    if (!sub || it.partOf !== null || it.c.kind === 'percent') continue;
    for (let j = k - 1; j >= 0; j--) {
      const p = items[j];
      // Before the project's own section: nothing to link to (and no scan back through the document).
      if (p.project !== sub[1] && !p.project?.endsWith(sub[1])) break;
      if (p.project !== sub[1] || p.c.kind !== it.c.kind || p.metric !== it.metric || p.footnote) continue;
      const lineEnd = ft.indexOf('\n', p.c.fe);
      if (announce.test(ft.slice(p.c.fe, lineEnd < 0 ? ft.length : lineEnd))) set(it, 'partOf', p.index, `a sub-project amount of ${sub[1]}'s f${p.index} (structure.breakdown)`);
      break;
    }
  }
}
