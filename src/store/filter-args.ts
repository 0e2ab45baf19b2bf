// Command-line options shared by `query` and `export`: the figure filter, checked before use.
import { KINDS, METRICS, PROGRAMS } from '../contract/schema.ts';
import type { FigureFilter } from './query.ts';

export const FILTER_OPTIONS = {
  province: { type: 'string' },
  district: { type: 'string' },
  program: { type: 'string' },
  project: { type: 'string' },
  metric: { type: 'string' },
  kind: { type: 'string' },
  year: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  min: { type: 'string' },
  max: { type: 'string' },
  text: { type: 'string' },
  'all-versions': { type: 'boolean' },
} as const;

export class UsageError extends Error {}

type Values = { [K in keyof typeof FILTER_OPTIONS]?: (typeof FILTER_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

function oneOf<T extends string>(name: string, v: string | undefined, allowed: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got '${v}')`);
  return v as T;
}

function num(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number (got '${v}')`);
  return n;
}

function date(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v)) throw new UsageError(`--${name} must be a date YYYY-MM-DD (got '${v}')`);
  // "2024" as --to means through the end of 2024.
  return name === 'to' ? v + '-99-99'.slice(v.length - 4) : v;
}

export function filterFromArgs(values: Values, positionalText?: string): FigureFilter {
  const year = num('year', values.year);
  if (year !== undefined && !Number.isInteger(year)) throw new UsageError(`--year must be a whole year (got '${values.year}')`);
  const text = [values.text, positionalText].filter((t) => t !== undefined && t !== '').join(' ');
  return {
    province: values.province,
    district: values.district,
    program: oneOf('program', values.program, PROGRAMS),
    project: values.project,
    metric: oneOf('metric', values.metric, METRICS),
    kind: oneOf('kind', values.kind, KINDS),
    year,
    asOfFrom: date('from', values.from),
    asOfTo: date('to', values.to),
    min: num('min', values.min),
    max: num('max', values.max),
    text: text === '' ? undefined : text,
    allVersions: values['all-versions'],
  };
}
