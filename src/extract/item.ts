// The extractor's working record for one figure, in folded-text coordinates, filled in by the
// passes listed in ./passes/index.ts before it becomes a contract Figure.
import type { Candidate } from './candidates.ts';
import type { Figure } from '../contract/schema.ts';
import type { Footnote } from '../text/structure.ts';

/** The meaning fields passes write (through ./pass.ts `set`, which records why). */
export const MEANING_FIELDS = ['metric', 'rateKind', 'rateOf', 'partOf', 'program', 'project', 'fund', 'capital', 'location', 'asOf', 'year'] as const;
export type MeaningField = (typeof MEANING_FIELDS)[number];

/** A word cue found near a figure, with the phrase that named it (for provenance). */
export interface Cue<T> {
  value: T;
  /** "metrics.disbursed: 'giải ngân'" — the patterns list and the phrase as matched (folded). */
  why: string;
}

export interface Item {
  c: Candidate;
  index: number;
  /** Sentence (clipped to the footnote body for footnote figures), folded. */
  ss: number;
  se: number;
  /** Where the figure's own words start: after the previous figure of its sentence. */
  ws: number;
  /** Position used for heading context (a footnote figure stands where it is referenced). */
  ctx: number;
  footnote: Footnote | null;
  metric: Figure['metric'];
  metricCue: Cue<NonNullable<Figure['metric']>> | null;
  fund: Figure['fund'];
  fundCue: Cue<NonNullable<Figure['fund']>> | null;
  capital: Figure['capital'];
  rateKind: Figure['rateKind'];
  rateOf: number | null;
  partOf: number | null;
  program: Figure['program'];
  project: string | null;
  location: Figure['location'];
  asOf: string | null;
  year: number | null;
  /** Which pass and rule set each meaning field, and the phrase it read. */
  why: Partial<Record<MeaningField, string>>;
}

/** The item a link (partOf, rateOf: 1-based index) names, or null. */
export const itemAt = (items: readonly Item[], index: number | null): Item | null => (index === null ? null : (items[index - 1] ?? null));
