// Runs the real pipeline on every gold-annotated text (and on the DOCX/PDF/HTML renderings of the
// written passages) and tallies the scores by group.
import { existsSync } from 'node:fs';
import { join, basename } from 'node:path';
import { extractFile } from '../pipeline.ts';
import type { GoldFigure } from '../contract/gold.ts';
import { loadGold, goldAvailable, REPO_ROOT, type GoldDocument } from './gold-load.ts';
import { emptyTally, scoreDocument, scoreFacts, scores, type Scores, type Tally } from './score.ts';
import { loadReal, REAL_FIELDS, type RealDocument } from './real-load.ts';

export const FORMAT_VARIANTS = ['docx', 'pdf', 'html'] as const;

export interface EvalResult {
  groups: Record<string, Scores>;
  tallies: Record<string, Tally>;
  missing: string[];
}

/** Gold spans re-found, in order, in another rendering of the same passage (PDF/DOCX/HTML text). */
export function realign(gold: readonly GoldFigure[], text: string): GoldFigure[] {
  const out: GoldFigure[] = [];
  const byStart = new Map<number, number>();
  let cursor = 0;
  for (const g of gold) {
    const pattern = new RegExp(g.text.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'g');
    pattern.lastIndex = cursor;
    const m = pattern.exec(text);
    if (!m) {
      // Not found in this rendering: it stays in the gold as a figure nothing can match (a miss).
      out.push({ ...g, start: -1, end: -1 });
      continue;
    }
    byStart.set(g.start, m.index);
    out.push({ ...g, start: m.index, end: m.index + m[0].length, text: m[0] });
    cursor = m.index + m[0].length;
  }
  return out.map((g) => ({
    ...g,
    rateOf: g.rateOf === null ? null : (byStart.get(g.rateOf) ?? -2),
    partOf: g.partOf === null ? null : (byStart.get(g.partOf) ?? -2),
  }));
}

/** seeds (../shared), passages written to cover the hard cases, and held-out passages written
 * by annotators who never saw the extractor's output (they measure generalization). */
function groupOf(source: string): 'seeds' | 'passages' | 'holdout' {
  if (source.startsWith('seeds/')) return 'seeds';
  return source.startsWith('corpus/holdout/') ? 'holdout' : 'passages';
}

export async function evaluate(docs: GoldDocument[] = loadGold(), real: RealDocument[] = loadReal()): Promise<EvalResult> {
  const tallies: Record<string, Tally> = {};
  const tally = (group: string) => (tallies[group] ??= emptyTally());
  const missing: string[] = [];
  for (const doc of docs) {
    if (!goldAvailable(doc)) {
      missing.push(doc.path);
      continue;
    }
    const group = groupOf(doc.source);
    const out = await extractFile(doc.path);
    scoreDocument(doc.source, doc.figures, out.figures, tally(group));
    scoreDocument(doc.source, doc.figures, out.figures, tally('all'));
    if (group !== 'passages') continue;
    const name = basename(doc.source, '.txt');
    for (const format of FORMAT_VARIANTS) {
      const path = join(REPO_ROOT, 'corpus/fixtures', `${name}.${format}`);
      if (!existsSync(path)) continue;
      const variant = await extractFile(path);
      scoreDocument(`${doc.source} as ${format}`, realign(doc.figures, variant.document.text), variant.figures, tally(format));
      // The same passages as text, for a like-for-like comparison with that format.
      scoreDocument(doc.source, doc.figures, out.figures, tally(`${format}:txt`));
    }
  }
  // Real articles: scored apart (not in 'all'), on the fields that set annotates.
  for (const doc of real) {
    const out = await extractFile(doc.path, {}, doc.origin ?? undefined);
    scoreDocument(doc.source, doc.figures, out.figures, tally('real'), REAL_FIELDS, false);
    scoreFacts(doc.source, doc.facts, out.figures, tally('real'));
  }
  const groups = Object.fromEntries(Object.entries(tallies).map(([g, t]) => [g, scores(t)]));
  return { groups, tallies, missing };
}
