// Figure <-> figures-table row. The row type is derived from the contract's Figure, so a new
// contract field shows up here as a type error until it is stored.
import type { Figure, Locator } from '../contract/schema.ts';
import { placeKey } from './fold.ts';

export interface FigureRow {
  fid: Figure['id'];
  kind: Figure['kind'];
  text: Figure['text'];
  span_start: Figure['start'];
  span_end: Figure['end'];
  value: Figure['value'];
  unit: Figure['unit'];
  per: Figure['per'];
  of: Figure['of'];
  range_to: Figure['rangeTo'];
  qualifier: Figure['qualifier'];
  metric: Figure['metric'];
  rate_kind: Figure['rateKind'];
  rate_of: Figure['rateOf'];
  part_of: Figure['partOf'];
  program: Figure['program'];
  project: Figure['project'];
  fund: Figure['fund'];
  capital: Figure['capital'];
  province: string | null;
  district: string | null;
  current_province: string | null;
  as_of: Figure['asOf'];
  year: Figure['year'];
  confidence: Figure['confidence'];
  locator: string | null;
  /** JSON: which rule set each meaning field (the extractor's provenance). */
  why: string | null;
}

/** The stored sentence span is the citation's (citations table); the rest is the row. */
export function figureToRow(f: Figure): FigureRow & { province_key: string | null; district_key: string | null; current_key: string | null } {
  return {
    fid: f.id,
    kind: f.kind,
    text: f.text,
    span_start: f.start,
    span_end: f.end,
    value: f.value,
    unit: f.unit,
    per: f.per,
    of: f.of,
    range_to: f.rangeTo,
    qualifier: f.qualifier,
    metric: f.metric,
    rate_kind: f.rateKind,
    rate_of: f.rateOf,
    part_of: f.partOf,
    program: f.program,
    project: f.project,
    fund: f.fund,
    capital: f.capital,
    province: f.location?.province ?? null,
    district: f.location?.district ?? null,
    current_province: f.location?.current ?? null,
    province_key: placeKey(f.location?.province),
    district_key: placeKey(f.location?.district),
    current_key: placeKey(f.location?.current),
    as_of: f.asOf,
    year: f.year,
    confidence: f.confidence,
    locator: f.locator ? JSON.stringify(f.locator) : null,
    why: f.why ? JSON.stringify(f.why) : null,
  };
}

/** A stored row (with its citation span) back to the contract's Figure. */
export function rowToFigure(r: FigureRow & { quote_start: number; quote_end: number }): Figure {
  return {
    id: r.fid,
    kind: r.kind,
    text: r.text,
    start: r.span_start,
    end: r.span_end,
    value: r.value,
    unit: r.unit,
    per: r.per,
    of: r.of,
    rangeTo: r.range_to,
    qualifier: r.qualifier,
    metric: r.metric,
    rateKind: r.rate_kind,
    rateOf: r.rate_of,
    partOf: r.part_of,
    program: r.program,
    project: r.project,
    fund: r.fund,
    capital: r.capital,
    location: r.province === null ? null : { province: r.province, district: r.district, current: r.current_province },
    asOf: r.as_of,
    year: r.year,
    sentence: { start: r.quote_start, end: r.quote_end },
    confidence: r.confidence,
    locator: r.locator === null ? null : (JSON.parse(r.locator) as Locator),
    ...(r.why === null ? {} : { why: JSON.parse(r.why) as Record<string, string> }),
  };
}
