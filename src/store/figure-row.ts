// One figure with its citation as a flat row: what `query` shows and `export` writes. Derived
// from the contract's Figure so both stay in step with it.
import { z } from 'zod';
import { FigureSchema } from '../contract/schema.ts';

export const FigureRowSchema = FigureSchema.omit({ id: true, location: true, sentence: true }).extend({
  source: z.string(),
  version: z.number().int().positive(),
  sha256: z.string(),
  title: z.string().nullable(),
  published: z.string().nullable(),
  figure: z.string(),
  province: z.string().nullable(),
  district: z.string().nullable(),
  current: z.string().nullable(),
  quote: z.string(),
  quoteStart: z.number().int().nonnegative(),
  quoteEnd: z.number().int().nonnegative(),
});
export type FigureRowOut = z.infer<typeof FigureRowSchema>;

/** A row as SQL gives it: the locator still JSON text. */
export type FigureRowSql = Omit<FigureRowOut, 'locator'> & { locator: string | null };

/** The one locator shape everywhere (as in `extract --json`): an object, or null for plain text. */
export function rowFromSql(r: FigureRowSql): FigureRowOut {
  return { ...r, locator: r.locator === null ? null : (JSON.parse(r.locator) as FigureRowOut['locator']) };
}

/** Column order for tables and CSV: who/what/how much first, the citation last. */
export const FIGURE_COLUMNS = [
  'source', 'version', 'sha256', 'title', 'published', 'figure', 'kind', 'text', 'value', 'unit', 'per', 'of',
  'rangeTo', 'qualifier', 'metric', 'rateKind', 'rateOf', 'partOf', 'program', 'project', 'fund', 'capital',
  'province', 'district', 'current', 'asOf', 'year', 'confidence', 'start', 'end', 'quoteStart', 'quoteEnd',
  'quote', 'locator',
] as const satisfies readonly (keyof FigureRowOut)[];

/** SQL select list producing FigureRowOut (tables f, d, s, c). */
export const FIGURE_ROW_SQL = `
  s.uri AS source, d.version, d.sha256, d.title, d.published, f.fid AS figure, f.kind, f.text, f.value, f.unit,
  f.per, f.of, f.range_to AS rangeTo, f.qualifier, f.metric, f.rate_kind AS rateKind, f.rate_of AS rateOf,
  f.part_of AS partOf, f.program, f.project, f.fund, f.capital, f.province, f.district,
  f.current_province AS current, f.as_of AS asOf, f.year, f.confidence, f.span_start AS start, f.span_end AS "end",
  c.span_start AS quoteStart, c.span_end AS quoteEnd, c.quote, f.locator`;

export const FIGURE_ROW_FROM = `
  figures f JOIN documents d ON d.id = f.document_id JOIN sources s ON s.id = d.source_id
  JOIN citations c ON c.id = f.citation_id`;

/** Only each source's newest version. */
export const LATEST_ONLY = 'd.latest = 1';
