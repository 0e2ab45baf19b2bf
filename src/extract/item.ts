// The extractor's working record for one figure, in folded-text coordinates, filled in by the
// passes in ./document.ts before it becomes a contract Figure.
import type { Candidate } from './candidates.ts';
import type { Figure } from '../contract/schema.ts';
import type { Footnote } from '../text/structure.ts';

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
  metricCue: Figure['metric'];
  fund: Figure['fund'];
  fundCue: Figure['fund'];
  capital: Figure['capital'];
  rateKind: Figure['rateKind'];
  rateOf: number | null;
  partOf: number | null;
  program: Figure['program'];
  project: string | null;
  location: Figure['location'];
  asOf: string | null;
  year: number | null;
}
