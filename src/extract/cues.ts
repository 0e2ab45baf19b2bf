// Word cues around a figure, read from a window of folded text: the metric verb that heads the
// figure's clause, the nearest fund/capital word, and the rate words before a percentage.
import { wordRegex, type Lexicons } from '../patterns/lexicons.ts';
import type { Figure } from '../contract/schema.ts';

type Metric = NonNullable<Figure['metric']>;

/** The first metric phrase in [from, to) ("Giải ngân vốn kéo dài …": disbursed, not carried over). */
export function firstMetric(ft: string, from: number, to: number, lex: Lexicons): Metric | null {
  const re = lex.metricRe;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(ft)) && m.index < to) {
    if (m.index + m[0].length > to) break;
    if (lex.notMetric.has(m[0])) continue;
    const metric = lex.metricOf.get(m[0]);
    if (metric) return metric;
  }
  return null;
}

/** The last phrase of `re` in [from, to), looked up in `table`. */
export function lastCue<T>(re: RegExp, table: Map<string, T>, ft: string, from: number, to: number): T | null {
  re.lastIndex = from;
  let found: T | null = null;
  let m: RegExpExecArray | null;
  while ((m = re.exec(ft)) && m.index + m[0].length <= to) found = table.get(m[0]) ?? found;
  return found;
}

/** A fund named right after an amount: "5 triệu ngân sách trung ương". */
export function cueAfter<T>(re: RegExp, table: Map<string, T>, ft: string, at: number): T | null {
  re.lastIndex = at;
  const m = re.exec(ft);
  if (!m || m.index > at + 3) return null;
  return table.get(m[0]) ?? null;
}

const verbRes = new WeakMap<Lexicons, { change: RegExp; other: RegExp }>();

/** Is the last rate verb before a percentage a change word ("tăng", "giảm")? */
export function isChange(window: string, lex: Lexicons): boolean {
  let r = verbRes.get(lex);
  if (!r) {
    r = {
      change: wordRegex(lex.raw.metrics.rateKinds.change ?? []),
      other: wordRegex([...lex.raw.metrics.rateVerbs, 'chiếm', 'còn']),
    };
    verbRes.set(lex, r);
  }
  const lastChange = lastIndex(r.change, window);
  return lastChange >= 0 && lastChange > lastIndex(r.other, window);
}

function lastIndex(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let last = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) last = m.index;
  return last;
}
