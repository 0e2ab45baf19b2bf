// The one source of truth for what solieu emits: the extract contract (../shared/CONTRACT.md),
// reused by the store, the CLI and the evaluation. Types are inferred from these schemas.
import { z } from 'zod';
import { FORMATS, KINDS, QUALIFIERS, METRICS, RATE_KINDS, PROGRAMS, FUNDS, CAPITALS } from './vocabulary.ts';

export { FORMATS, KINDS, QUALIFIERS, METRICS, RATE_KINDS, PROGRAMS, FUNDS, CAPITALS };

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Where a passage stood in the original file (beyond offsets into document.text). */
export const LocatorSchema = z.object({
  page: z.number().int().positive().optional(),
  paragraph: z.number().int().nonnegative().optional(),
  table: z.number().int().nonnegative().optional(),
  row: z.number().int().nonnegative().optional(),
  col: z.number().int().nonnegative().optional(),
  footnote: z.number().int().nonnegative().optional(),
  path: z.string().optional(),
});
export type Locator = z.infer<typeof LocatorSchema>;

export const LocationSchema = z.object({
  province: z.string(),
  district: z.string().nullable(),
  current: z.string().nullable(),
});
export type Location = z.infer<typeof LocationSchema>;

export const SpanSchema = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });

export const FigureSchema = z.object({
  id: z.string(),
  kind: z.enum(KINDS),
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  value: z.number(),
  unit: z.string(),
  per: z.string().nullable(),
  of: z.number().nullable(),
  rangeTo: z.number().nullable(),
  qualifier: z.enum(QUALIFIERS),
  metric: z.enum(METRICS).nullable(),
  rateKind: z.enum(RATE_KINDS).nullable(),
  rateOf: z.string().nullable(),
  partOf: z.string().nullable(),
  program: z.enum(PROGRAMS).nullable(),
  project: z.string().nullable(),
  fund: z.enum(FUNDS).nullable(),
  capital: z.enum(CAPITALS).nullable(),
  location: LocationSchema.nullable(),
  asOf: isoDate.nullable(),
  year: z.number().int().nullable(),
  sentence: SpanSchema,
  // Extra fields (the contract welcomes them):
  /** How sure the number reading is (ambiguous separators, slips) in 0..1. */
  confidence: z.number().min(0).max(1),
  /** Where the figure stood in the original file; null for plain text. */
  locator: LocatorSchema.nullable(),
  /** Which pass, rule and phrase set each meaning field ("cues: metrics.disbursed: 'giai ngan'"). */
  why: z.record(z.string(), z.string()).optional(),
});
export type Figure = z.infer<typeof FigureSchema>;

export const DocumentSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  format: z.enum(FORMATS),
  title: z.string().nullable(),
  published: isoDate.nullable(),
  text: z.string(),
});
export type SolieuDocument = z.infer<typeof DocumentSchema>;

export const ExtractOutputSchema = z.object({
  document: DocumentSchema,
  figures: z.array(FigureSchema),
  /** The parser's warnings about this document (what was dropped or decided), one line each. */
  warnings: z.array(z.string()).optional(),
});
export type ExtractOutput = z.infer<typeof ExtractOutputSchema>;
