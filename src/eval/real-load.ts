// Loads ../shared/real (real articles annotated by people who never saw solieu) as gold: figures
// with the fields that set annotates, and its disbursement facts. Corrections we are sure of live
// in corpus/real-corrections.json, each with its reason; the shared files stay as they are.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { KINDS, QUALIFIERS, METRICS, RATE_KINDS, PROGRAMS } from '../contract/schema.ts';
import type { GoldFigure } from '../contract/gold.ts';
import { SHARED_DIR, REPO_ROOT, type GoldDocument } from './gold-load.ts';
import type { Field } from './score.ts';

export const REAL_DIR = join(SHARED_DIR, 'real');

/** The fields ../shared/real annotates on every figure (the rest are not scored there). */
export const REAL_FIELDS: readonly Field[] = ['unit', 'per', 'of', 'rangeTo', 'qualifier', 'metric', 'rateKind'];

const RealFigureSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  kind: z.enum(KINDS),
  value: z.number(),
  unit: z.string(),
  per: z.string().nullable(),
  of: z.number().nullable(),
  range_to: z.number().nullable(),
  qualifier: z.enum(QUALIFIERS),
  metric: z.enum(METRICS).nullable(),
  rate_kind: z.enum(RATE_KINDS).nullable(),
});

export const RealFactSchema = z.object({
  disbursed: z.number(),
  rate: z.number().nullable(),
  base: z.number().nullable(),
  as_of: z.string().nullable(),
  year: z.number().int().nullable(),
  /** The most specific place named for the fact (district or province), as written. */
  location: z.string().nullable(),
  program: z.enum(PROGRAMS).nullable(),
  project: z.string().nullable(),
  quote_start: z.number().int().nonnegative(),
});
export type RealFact = z.infer<typeof RealFactSchema>;

const CorrectionSchema = z.object({
  file: z.string(),
  /** A figure by its start offset, or a fact by its quote_start and disbursed amount. */
  start: z.number().int().optional(),
  fact: z.object({ quote_start: z.number().int(), disbursed: z.number() }).optional(),
  set: z.record(z.string(), z.unknown()),
  reason: z.string().min(10),
});
const CorrectionsSchema = z.array(CorrectionSchema);
export const CORRECTIONS_PATH = join(REPO_ROOT, 'corpus/real-corrections.json');

function jsonl<T>(path: string, schema: z.ZodType<T>): T[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const r = schema.safeParse(JSON.parse(l));
      if (!r.success) throw new Error(`${path}:${i + 1}: ${r.error.issues[0]?.message}`);
      return r.data;
    });
}

function toGold(f: z.infer<typeof RealFigureSchema>): GoldFigure {
  return {
    start: f.start, end: f.end, text: f.text, kind: f.kind, value: f.value, unit: f.unit, per: f.per, of: f.of,
    rangeTo: f.range_to, qualifier: f.qualifier, metric: f.metric, rateKind: f.rate_kind,
    // Not annotated in this set: placeholders never scored (REAL_FIELDS).
    rateOf: null, partOf: null, program: null, project: null, fund: null, capital: null, location: null, asOf: null, year: null,
  };
}

export interface RealDocument extends GoldDocument {
  facts: RealFact[];
  /** The address the text was stored from (sources.tsv), given to the extractor as a crawled page's would be. */
  origin: string | null;
}

/** sources.tsv: file, url, province, kind, note (a header line first). */
function origins(dir: string): Map<string, string> {
  const path = join(dir, 'sources.tsv');
  if (!existsSync(path)) return new Map();
  const rows = readFileSync(path, 'utf8').split('\n').slice(1).map((l) => l.split('\t'));
  return new Map(rows.filter((r) => r.length > 1 && /^https?:/.test(r[1])).map((r) => [r[0], r[1]]));
}

export function loadReal(dir = REAL_DIR): RealDocument[] {
  if (!existsSync(dir)) return [];
  const corrections = existsSync(CORRECTIONS_PATH) ? CorrectionsSchema.parse(JSON.parse(readFileSync(CORRECTIONS_PATH, 'utf8'))) : [];
  const names = readdirSync(dir).filter((n) => /^h\d+\.txt$/.test(n)).sort();
  const urls = origins(dir);
  return names.map((name) => {
    const stem = name.replace(/\.txt$/, '');
    const figures = jsonl(join(dir, `${stem}.jsonl`), RealFigureSchema).map(toGold);
    const facts = jsonl(join(dir, `${stem}.facts.jsonl`), RealFactSchema);
    for (const c of corrections.filter((x) => x.file === stem)) {
      const target: object | undefined = c.fact
        ? facts.find((f) => f.quote_start === c.fact!.quote_start && f.disbursed === c.fact!.disbursed)
        : figures.find((f) => f.start === c.start);
      if (!target) throw new Error(`real-corrections.json: ${stem} has no ${c.fact ? 'fact' : 'figure'} at ${c.start ?? c.fact?.quote_start}`);
      Object.assign(target, c.set);
    }
    return { source: `real/${name}`, path: join(dir, name), title: null, published: null, figures, files: [`${stem}.jsonl`], facts, origin: urls.get(name) ?? null };
  });
}
