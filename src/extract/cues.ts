// Word cues around a figure, read from the window of folded text before it (its own clause):
// the metric its verb phrase names, the nearest fund/capital word, and rate words.
import { compiled, wordRegex, alternation, L, type Lexicons } from '../patterns/lexicons.ts';
import { foldPhrase } from '../text/fold.ts';
import type { Figure } from '../contract/schema.ts';
import type { Cue } from './item.ts';
import type { Led, LedHits } from '../text/led-scan.ts';

type Metric = NonNullable<Figure['metric']>;

/** When a clause names several, the more specific wins: "Giải ngân vốn kéo dài" is disbursed. */
const PRIORITY: Metric[] = ['disbursed', 'loan', 'carried_over', 'mobilized', 'support_rate', 'invested', 'allocated', 'other'];

/**
 * The window a figure's cues come from, with closed quotations and parentheses blanked out
 * ("Dự án 9 “Đầu tư phát triển …”", "(bao gồm năm 2022, 2023 chuyển sang)" name no cue).
 */
export function cueWindow(ft: string, from: number, to: number): string {
  let w = ft.slice(from, to);
  if (!/[“"(]/.test(w)) return w; // most clauses quote nothing
  for (let prev = ''; prev !== w; ) {
    prev = w;
    w = w.replace(/“[^“”]*”|"[^"]*"|\([^()]*\)/g, (q) => ' '.repeat(q.length));
  }
  return w;
}

export function metricIn(window: string, lex: Lexicons): Cue<Metric> | null {
  const re = lex.metricRe;
  re.lastIndex = 0;
  let best: Cue<Metric> | null = null;
  let m: RegExpExecArray | null;
  while ((m = re.exec(window))) {
    if (lex.notMetric.has(m[0])) continue;
    const metric = lex.metricOf.get(m[0]);
    if (metric && (best === null || PRIORITY.indexOf(metric) < PRIORITY.indexOf(best.value))) best = { value: metric, why: `metrics.${metric}: '${m[0]}'` };
  }
  return best;
}

/** The last phrase of `re` in the window, looked up in `table`; `list` names the patterns list. */
export function lastCue<T>(re: RegExp, table: Map<string, T>, window: string, list: string): Cue<T> | null {
  re.lastIndex = 0;
  let found: Cue<T> | null = null;
  let m: RegExpExecArray | null;
  while ((m = re.exec(window))) {
    const v = table.get(m[0]);
    if (v !== undefined) found = { value: v, why: `${list}.${String(v)}: '${m[0]}'` };
  }
  return found;
}


/**
 * The cue regexes the passes run over windows of the text: the document's scan keeps where their
 * leads start, so a window none starts in is not scanned (LedHits.mayStart).
 */
export function cueLeds(lex: Lexicons): Led[] {
  const { metrics, funds } = lex.raw;
  return [
    { re: lex.metricRe, leads: [...Object.values(metrics.metrics).flat(), ...metrics.notMetric], startsOnly: true },
    { re: lex.fundRe, leads: Object.values(funds.fund).flat(), startsOnly: true },
    { re: lex.capitalRe, leads: Object.values(funds.capital).flat(), startsOnly: true },
  ];
}

/** How far after an amount a source named right after it may start. */
const AFTER = 16;

/** A fund named right after an amount: "5 triệu ngân sách trung ương", "… từ các nguồn vốn khác". */
export function cueAfter<T>(re: RegExp, table: Map<string, T>, ft: string, at: number, lex: Lexicons, list: string, hits: LedHits): Cue<T> | null {
  if (!hits.mayStart(re, at, at + AFTER + 1)) return null;
  re.lastIndex = 0;
  const window = ft.slice(at, at + 60);
  const m = re.exec(window);
  if (!m || m.index > AFTER || !compiled(lex, afterGap).test(window.slice(0, m.index))) return null;
  const v = table.get(m[0]);
  return v === undefined ? null : { value: v, why: `${list}.${String(v)} after the amount: '${m[0]}'` };
}

const FROM = new RegExp(`${foldPhrase('từ')}\\s*$`);

const afterGap = (lex: Lexicons) => new RegExp(`^\\s*(?:(?:${lex.fundAfterGapAlt})\\s+)?$`);

const rateVerbs = (lex: Lexicons) => ({
  change: wordRegex([...(lex.raw.metrics.rateKinds.change ?? []), ...lex.raw.metrics.notChange]),
  notChange: new Set(lex.raw.metrics.notChange.map(foldPhrase)),
  changeNouns: new Set(lex.raw.metrics.changeNouns.map(foldPhrase)),
  rate: wordRegex(lex.raw.metrics.rateVerbs),
  state: wordRegex(lex.raw.metrics.stateVerbs),
  levelTo: new RegExp(`^[^%;.\\d]{0,30}(?:\\d{4}[^%;.\\d]{0,12})?(?<![${L}])(?:${alternation(lex.raw.metrics.levelTo)})\\s*\\d`),
});

/**
 * Is the last rate verb before a percentage a change word ("tăng", "giảm")? `after` is the text
 * right after the figure.
 */
export function isChange(window: string, after: string, lex: Lexicons): Cue<true> | null {
  const r = compiled(lex, rateVerbs);
  let change: RegExpExecArray | null = null;
  r.change.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = r.change.exec(window)); ) if (!r.notChange.has(m[0])) change = m;
  if (!change) return null;
  // "giảm … từ 31,6% xuống còn 26,9%": the figure after "từ" is where it started, not the change.
  if (FROM.test(window) && r.levelTo.test(after)) return null;
  if (r.changeNouns.has(change[0])) return { value: true, why: `metrics.changeNouns: '${change[0]}'` };
  // A state verb after the change word states a level ("giảm còn 4,07%"); so does a rate verb
  // further on ("giảm nghèo …, tỷ lệ … đạt 5%"), unless it follows at once ("giảm được 4,44%").
  const changeEnd = change.index + change[0].length;
  const state = lastMatch(r.state, window);
  if (state && state.index + state[0].length > change.index) return null;
  const rate = lastMatch(r.rate, window);
  if (rate && rate.index > change.index && window.slice(changeEnd, rate.index).trim() !== '') return null;
  return { value: true, why: `metrics.rateKinds.change: '${change[0]}'` };
}

function lastMatch(re: RegExp, s: string): RegExpExecArray | null {
  re.lastIndex = 0;
  let last: RegExpExecArray | null = null;
  for (let m: RegExpExecArray | null; (m = re.exec(s)); ) last = m;
  return last;
}
