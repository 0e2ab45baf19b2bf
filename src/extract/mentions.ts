// Everything a figure can take its context from, found once per document on the folded text:
// programme names, project labels, dates ("đến 31/5/2024"), years, periods, "đến nay".
import { L, compiled, type Lexicons } from '../patterns/lexicons.ts';
import { foldPhrase } from '../text/fold.ts';
import { countBelow } from '../text/search.ts';
import type { Figure } from '../contract/schema.ts';
import type { Led, LedHits } from '../text/led-scan.ts';

export interface Mention<T> {
  fs: number;
  fe: number;
  value: T;
}

export interface ProjectRef {
  project: number | null;
  sub: number | null;
  /** ntm's "Nội dung thành phần số N" (its projects). */
  component?: number;
}

export type YearMention = { kind: 'year'; year: number } | { kind: 'period' };

export interface Mentions {
  programs: Mention<NonNullable<Figure['program']>>[];
  projects: Mention<ProjectRef>[];
  asOf: Mention<string>[];
  /** Dates that speak only for their own sentence: no year written, half-years, quarters. */
  asOfNear: Mention<string>[];
  /** The same with half-years ("6 tháng đầu năm"), which date money and rates but not counts. */
  asOfNearMoney: Mention<string>[];
  now: Mention<true>[];
  years: Mention<YearMention>[];
}

interface Res {
  project: RegExp;
  asOf: RegExp;
  monthEnd: RegExp;
  quarterEnd: RegExp;
  halfYear: RegExp;
  dateSpan: RegExp;
  yearEnd: RegExp;
  now: RegExp;
  year: RegExp;
  period: RegExp;
  comparison: RegExp;
}

function buildRes(lex: Lexicons): Res {
  const f = foldPhrase;
  const b = `(?<![${L}])`;
  const da = `${f('dự án')}`;
  return {
    // "Tiểu dự án 1 Dự án 4", "Tiểu dự án 2 thuộc Dự án 3", "Tiểu dự 2 thuộc Dự án 3", "Dự án 5".
    project: new RegExp(
      `${b}(?:${f('tiểu dự án')}|${f('tiểu dự')})\\s+(\\d+)(?:\\s*[,:]?\\s*(?:${f('thuộc')}\\s+|${f('của')}\\s+)?${da}\\s+(\\d+))?|${b}${da}\\s+(\\d+)(?!\\d|[.,]\\d)|${b}${f('nội dung thành phần')}\\s+(?:${f('số')}\\s+)?(\\d+)`,
      'g',
    ),
    // The year may be left to the document ("Đến ngày 15/10, tỉnh …").
    asOf: new RegExp(`${b}(?:${lex.asOfAlt})\\s+(?:${f('ngày')}\\s+)?(\\d{1,2})\\/(\\d{1,2})(?:\\/(\\d{4}))?(?![\\d/])`, 'g'),
    monthEnd: new RegExp(`${b}(?:${lex.asOfAlt})\\s+(?:(?:${lex.monthEndAlt})\\s+)?${f('tháng')}\\s+(\\d{1,2})(?:\\s*[/-]\\s*(\\d{4})|\\s+${f('năm')}\\s+(\\d{4}))?(?![\\d/])`, 'g'),
    quarterEnd: new RegExp(`${b}(?:(?:${lex.asOfAlt})\\s+)?(?:${lex.monthEndAlt})\\s+(?:${lex.quarterAlt})\\s+(iv|i{1,3}|[1-4])(?![${L}\\d])(?:\\s*(?:[/-]|${f('năm')})\\s*(\\d{4}))?`, 'g'),
    halfYear: new RegExp(`${b}(?:${lex.halfYearAlt})(?:\\s+(\\d{4}))?(?![\\d])`, 'g'),
    dateSpan: new RegExp(`${f('từ')}\\s+(?:${f('ngày')}\\s+)?\\d{1,2}\\/\\d{1,2}(?:\\/\\d{4})?\\s*$`),
    yearEnd: new RegExp(`${b}(?:${lex.yearEndAlt})\\s+(\\d{4})`, 'g'),
    now: new RegExp(`${b}(?:${lex.nowAlt})(?![${L}])`, 'g'),
    year: new RegExp(`${b}(?:${lex.yearWordAlt})\\s+((?:19|20)\\d{2})(?:\\s*,\\s*((?:19|20)\\d{2}))*(?!\\s*[-–—]\\s*\\d)`, 'g'),
    period: new RegExp(`${b}(?:(?:${lex.periodAlt})\\s+)?(?:19|20)\\d{2}\\s*[-–—]\\s*(?:19|20)\\d{2}|${b}${f('từ năm')}\\s+(?:19|20)\\d{2}|${b}(?:${lex.periodAloneAlt})(?![${L}])`, 'g'),
    comparison: new RegExp(`(?:${lex.comparisonAlt})\\s*$`),
  };
}

/** The regexes findMentions runs over the whole text, with the phrases each match starts with. */
export function mentionLeds(lex: Lexicons): Led[] {
  const r = compiled(lex, buildRes);
  const d = lex.raw.dates;
  return [
    { re: lex.programRe, leads: Object.values(lex.raw.programs.programs).flat() },
    { re: r.project, leads: ['tiểu dự án', 'tiểu dự', 'dự án', 'nội dung thành phần'] },
    { re: r.asOf, leads: d.asOf },
    { re: r.monthEnd, leads: d.asOf },
    { re: r.quarterEnd, leads: [...d.asOf, ...d.monthEndWords] },
    { re: r.halfYear, leads: d.halfYear },
    { re: r.yearEnd, leads: d.yearEnd },
    { re: r.now, leads: d.now },
    { re: r.year, leads: d.yearWords },
    // A period may start with its years ("2021-2025").
    { re: r.period, leads: [...d.period, '19', '20', 'từ năm', ...d.periodAlone] },
  ];
}

function all<T>(re: RegExp, hits: LedHits, value: (m: RegExpExecArray) => T | null): Mention<T>[] {
  const out: Mention<T>[] = [];
  for (const m of hits.of(re)) {
    const v = value(m);
    if (v !== null) out.push({ fs: m.index, fe: m.index + m[0].length, value: v });
  }
  return out;
}

/** Mentions whose match gives a value, with that value (the others dropped). */
function pick<T>(hits: readonly Mention<RegExpExecArray>[], value: (m: RegExpExecArray) => T | null): Mention<T>[] {
  const out: Mention<T>[] = [];
  for (const h of hits) {
    const v = value(h.value);
    if (v !== null) out.push({ fs: h.fs, fe: h.fe, value: v });
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * Mentions of programmes, projects, dates and years, from the text's one-pass scan
 * (extract/hits.ts). `published` (the document's date) gives the year of a date written without
 * one; else the year the text names most.
 */
export function findMentions(ft: string, lex: Lexicons, hits: LedHits, published: string | null = null): Mentions {
  const r = compiled(lex, buildRes);
  const programs = all(lex.programRe, hits, (m) => lex.programOf.get(m[0]) ?? null);
  const projects = all(r.project, hits, (m): ProjectRef => {
    if (m[4] !== undefined) return { project: null, sub: null, component: Number(m[4]) };
    if (m[3] !== undefined) return { project: Number(m[3]), sub: null };
    return { project: m[2] !== undefined ? Number(m[2]) : null, sub: Number(m[1]) };
  });
  const now = all(r.now, hits, () => true as const);
  const years: Mention<YearMention>[] = [];
  for (const y of all(r.year, hits, (m) => m)) {
    // "so với năm 2021" compares; it does not date the figure.
    if (r.comparison.test(ft.slice(Math.max(0, y.fs - 30), y.fs))) continue;
    // "năm 2022, 2023": the last year listed is the one nearest what follows.
    const listed = /(\d{4})(?!.*\d{4})/.exec(y.value[0]);
    years.push({ fs: y.fs, fe: y.fe, value: { kind: 'year', year: Number(listed ? listed[1] : y.value[1]) } });
  }
  // "tăng 13 xã so với giai đoạn 2016-2020" compares; it does not make the figure a span.
  const periods = all(r.period, hits, () => ({ kind: 'period' as const })).filter((p) => !r.comparison.test(ft.slice(Math.max(0, p.fs - 30), p.fs)));
  // "từ năm 2021 đến …": the year inside a period is not a year of its own.
  const inPeriod = (y: Mention<YearMention>) => periods.some((p) => y.fs < p.fe && p.fs < y.fe);
  const dated = [...years.filter((y) => !inPeriod(y)), ...periods].sort((a, b) => a.fs - b.fs);
  // The year of a date written without one: the document's, else the one it names most (found once).
  let named: number | null | undefined;
  const yearOf = (y: string | undefined) => (y !== undefined ? Number(y) : published ? Number(published.slice(0, 4)) : named !== undefined ? named : (named = mostFrequent(years.map((m) => (m.value.kind === 'year' ? m.value.year : 0)).filter(Boolean))));
  const dateOf = (y: string | undefined, fn: (year: number) => string | null) => {
    const year = yearOf(y);
    return year === null ? null : fn(year);
  };
  const QUARTERS: Record<string, number> = { i: 3, ii: 6, iii: 9, iv: 12, '1': 3, '2': 6, '3': 9, '4': 12 };
  // "từ ngày 24/9 đến ngày 04/10/2024" is a period (a visit, a campaign), not the date a figure is as of.
  const notSpan = <T>(list: Mention<T>[]) => list.filter((m) => !r.dateSpan.test(ft.slice(Math.max(0, m.fs - 24), m.fs)));
  // Each date form is looked for once; a date with its year dates what follows it, one without only its sentence.
  const dates = all(r.asOf, hits, (m) => m);
  const monthEnds = all(r.monthEnd, hits, (m) => m);
  const full = pick(dates, (m) => (m[3] === undefined ? null : isoDate(Number(m[3]), Number(m[2]), Number(m[1]))));
  const fullMonth = pick(monthEnds, (m) => ((m[2] ?? m[3]) === undefined ? null : lastDay(Number(m[2] ?? m[3]), Number(m[1]))));
  const asOf = [...notSpan(full), ...fullMonth, ...all(r.yearEnd, hits, (m) => `${m[1]}-12-31`)].sort((a, b) => a.fs - b.fs);
  const asOfNear = [
    ...notSpan(pick(dates, (m) => (m[3] !== undefined ? null : dateOf(undefined, (y) => isoDate(y, Number(m[2]), Number(m[1])))))),
    ...pick(monthEnds, (m) => ((m[2] ?? m[3]) !== undefined ? null : dateOf(undefined, (y) => lastDay(y, Number(m[1]))))),
    ...all(r.quarterEnd, hits, (m) => dateOf(m[2], (y) => lastDay(y, QUARTERS[m[1]]))),
  ].sort((a, b) => a.fs - b.fs);
  // "6 tháng đầu năm": money and rates are as of its end; counts are made during it.
  const halfYear = all(r.halfYear, hits, (m) => dateOf(m[1], (y) => `${y}-06-30`));
  const asOfNearMoney = [...asOfNear, ...halfYear].sort((a, b) => a.fs - b.fs);
  return { programs, projects, asOf, asOfNear, asOfNearMoney, now, years: dated };
}

function lastDay(y: number, m: number): string {
  return isoDate(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate()) ?? `${y}-${pad(m)}-28`;
}

const fsOf = (m: Mention<unknown>) => m.fs;

/** How many mentions start before `pos` (mentions are sorted by start). */
export function countBefore(list: readonly Mention<unknown>[], pos: number): number {
  return countBelow(list, pos, fsOf);
}

/** The last mention starting in [from, to), or null. */
export function lastIn<T>(list: readonly Mention<T>[], from: number, to: number): Mention<T> | null {
  const i = countBefore(list, to) - 1;
  return i >= 0 && list[i].fs >= from ? list[i] : null;
}

/** The first mention starting in [from, to), or null. */
export function firstIn<T>(list: readonly Mention<T>[], from: number, to: number): Mention<T> | null {
  const i = countBefore(list, from);
  return i < list.length && list[i].fs < to ? list[i] : null;
}

/** All mentions starting in [from, to). */
export function allIn<T>(list: readonly Mention<T>[], from: number, to: number): Mention<T>[] {
  const out: Mention<T>[] = [];
  for (let i = countBefore(list, from); i < list.length && list[i].fs < to; i++) out.push(list[i]);
  return out;
}

export function projectLabel(p: ProjectRef): string | null {
  if (p.component !== undefined) return `Nội dung thành phần số ${p.component}`;
  if (p.sub !== null && p.project !== null) return `Tiểu dự án ${p.sub} Dự án ${p.project}`;
  if (p.sub !== null) return null;
  return p.project !== null ? `Dự án ${p.project}` : null;
}

/** The value seen most often (the later/larger one on a tie), or null. */
export function mostFrequent(values: Iterable<number>): number | null {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | null = null;
  for (const [v, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best)! && v > best)) best = v;
  return best;
}
