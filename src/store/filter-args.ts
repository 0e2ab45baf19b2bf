// The figure filter of `query` and `export` from what a person types: places and projects folded
// ("Du an 9" = "Dự án 9"), values read with the extractor's number grammar ("275,3 tỷ"), dates
// checked. Every problem is a UsageError naming the option.
import { KINDS, METRICS, PROGRAMS, type Figure } from '../contract/schema.ts';
import { UsageError } from '../contract/errors.ts';
import { lexicons } from '../patterns/lexicons.ts';
import { foldPhrase } from '../text/fold.ts';
import { findMentions, projectLabel } from '../extract/mentions.ts';
import { scanHits } from '../extract/hits.ts';
import { fold } from './fold.ts';
import type { FigureFilter } from './query.ts';
import { figuresIn, readWrittenValue, type WrittenValue } from './written-value.ts';

/** The options as commander gives them (camelCase). */
export interface FilterValues {
  province?: string;
  district?: string;
  program?: string;
  project?: string;
  metric?: string;
  kind?: string;
  year?: string;
  from?: string;
  to?: string;
  min?: string;
  max?: string;
  value?: string;
  text?: string;
  topLevel?: boolean;
  allVersions?: boolean;
}

function oneOf<T extends string>(name: string, v: string | undefined, allowed: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got '${v}')`);
  return v as T;
}

function date(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v)) throw new UsageError(`--${name} must be a date YYYY-MM-DD (got '${v}')`);
  // "2024" as --to means through the end of 2024.
  return name === 'to' ? v + '-99-99'.slice(v.length - 4) : v;
}

function written(name: string, v: string | undefined): WrittenValue | undefined {
  if (v === undefined) return undefined;
  const r = readWrittenValue(v);
  if (!r) throw new UsageError(`--${name} must be a number or one figure as documents write it, e.g. 275.332, "275,3 tỷ", "16,61%" (got '${v}')`);
  return r;
}

// Words of project labels without their marks, so "Du an 9" reads like "Dự án 9".
const LABEL_WORDS: [RegExp, string][] = [
  [/\btieu du an\b/g, 'tiểu dự án'],
  [/\btieu du\b/g, 'tiểu dự'],
  [/\bdu an\b/g, 'dự án'],
  [/\bnoi dung thanh phan\b/g, 'nội dung thành phần'],
  [/\bso\b/g, 'số'],
  [/\bthuoc\b/g, 'thuộc'],
  [/\bcua\b/g, 'của'],
];

/** The extractor's label for a project as typed: "du an 9", "9" -> "Dự án 9". */
export function projectFromArg(typed: string): string {
  let s = fold(typed);
  if (/^\d+$/.test(s)) s = `du an ${s}`;
  for (const [re, word] of LABEL_WORDS) s = s.replace(re, word);
  const ft = foldPhrase(s);
  const lex = lexicons();
  const found = findMentions(ft, lex, scanHits(ft, lex)).projects;
  const label = found.length === 1 && found[0].fs === 0 && found[0].fe === ft.length ? projectLabel(found[0].value) : null;
  if (!label) throw new UsageError(`--project must name a project like "Dự án 9", "Tiểu dự án 1 Dự án 9" or "Nội dung thành phần số 2" (got '${typed}')`);
  return label;
}

/** Narrows [min, max] and the kind to a written value's. */
function within(filter: FigureFilter, v: WrittenValue, name: string, typed: string): void {
  if (v.kind) {
    if (filter.kind && filter.kind !== v.kind) throw new UsageError(`--${name} '${typed}' is ${v.kind}, but --kind says ${filter.kind}`);
    filter.kind = v.kind;
    filter.unit = v.unit ?? undefined;
  }
  filter.min = Math.max(filter.min ?? -Infinity, v.low);
  filter.max = Math.min(filter.max ?? Infinity, v.high);
}

/** The words before a figure, less its qualifier ("hơn", "khoảng"), which the value range stands for. */
function withoutQualifier(before: string, qualifier: Figure['qualifier']): string {
  const folded = foldPhrase(before).trimEnd();
  if (qualifier === 'exact') return folded;
  const q = [...lexicons().qualifierOf.keys()].filter((k) => folded.endsWith(k)).sort((a, b) => b.length - a.length)[0];
  return q ? folded.slice(0, folded.length - q.length) : folded;
}

export function filterFromArgs(values: FilterValues, positionalText?: string): FigureFilter {
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && !(/^\d{4}$/.test(values.year!) && Number.isInteger(year))) throw new UsageError(`--year must be a year like 2024 (got '${values.year}')`);
  const filter: FigureFilter = {
    province: values.province,
    district: values.district,
    program: oneOf('program', values.program, PROGRAMS),
    project: values.project === undefined ? undefined : projectFromArg(values.project),
    metric: oneOf('metric', values.metric, METRICS),
    kind: oneOf('kind', values.kind, KINDS),
    year,
    asOfFrom: date('from', values.from),
    asOfTo: date('to', values.to),
    topLevel: values.topLevel,
    allVersions: values.allVersions,
  };
  const min = written('min', values.min);
  const max = written('max', values.max);
  if (min) {
    if (min.kind) within(filter, { ...min, low: min.value, high: Infinity }, 'min', values.min!);
    else filter.min = min.value;
  }
  if (max) {
    if (max.kind) within(filter, { ...max, low: -Infinity, high: max.value }, 'max', values.max!);
    else filter.max = Math.min(filter.max ?? Infinity, max.value);
  }
  const value = written('value', values.value);
  if (value) within(filter, value, 'value', values.value!);
  let text = [values.text, positionalText].filter((t) => t !== undefined && t !== '').join(' ');
  // One figure among the words: found by its value in any spelling, the other words as text.
  const figures = figuresIn(text);
  if (figures.length === 1) {
    const [f] = figures;
    within(filter, f.value, 'text', text.slice(f.start, f.end));
    text = `${withoutQualifier(text.slice(0, f.start), f.qualifier)} ${text.slice(f.end)}`.trim();
  }
  if (text !== '') filter.text = text;
  if (filter.min === -Infinity) delete filter.min;
  if (filter.max === Infinity) delete filter.max;
  if (filter.min !== undefined && filter.max !== undefined && filter.min > filter.max)
    throw new UsageError('the value filters leave nothing between them (minimum above maximum)');
  return filter;
}
