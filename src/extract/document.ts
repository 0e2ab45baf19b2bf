// Parsed document -> the contract's figures. Pure: text and structure in, figures out.
// The frame (fold, sentences, headings, footnotes, mentions, candidates) is built in ./state.ts;
// the meaning comes from the named passes of ./passes/index.ts, in order.
import type { ExtractOutput, Figure } from '../contract/schema.ts';
import type { ParsedDocument, Block } from '../contract/parsed.ts';
import { toOriginal, type Folded } from '../text/fold.ts';
import { lastAtOrBefore } from '../text/search.ts';
import { buildState } from './state.ts';
import { runPasses } from './pass.ts';
import { PASSES } from './passes/index.ts';
import { MEANING_FIELDS, type Item } from './item.ts';

export function extractDocument(parsed: ParsedDocument, sha256: string): ExtractOutput {
  const { figures, title, published } = extractFigures(parsed);
  return {
    document: { sha256, format: parsed.format, title, published, text: parsed.text },
    figures,
  };
}

export function extractFigures(parsed: ParsedDocument): { figures: Figure[]; title: string | null; published: string | null } {
  const state = buildState(parsed);
  runPasses(PASSES, state);
  const blocks = [...parsed.blocks].sort((a, b) => a.start - b.start);
  const figures = state.items.map((it) => toFigure(it, state.folded, state.text, blocks));
  return { figures, title: state.facts.title, published: state.facts.published };
}

function toFigure(it: Item, folded: Folded, text: string, blocks: Block[]): Figure {
  const [start, end] = toOriginal(folded, it.c.fs, it.c.fe);
  const [ss, se] = toOriginal(folded, it.ss, it.se);
  const figure: Figure = {
    id: `f${it.index}`,
    kind: it.c.kind,
    text: text.slice(start, end),
    start,
    end,
    value: it.c.value,
    unit: it.c.unit,
    per: it.c.perSpan ? perText(text, folded, it.c.perSpan) : null,
    of: it.c.of,
    rangeTo: it.c.rangeTo,
    qualifier: it.c.qualifier,
    metric: it.c.kind === 'quantity' ? null : it.metric,
    rateKind: it.c.kind === 'percent' ? it.rateKind : null,
    rateOf: it.rateOf === null ? null : `f${it.rateOf}`,
    partOf: it.partOf === null ? null : `f${it.partOf}`,
    program: it.program,
    project: it.project,
    fund: it.c.kind === 'quantity' ? null : it.fund,
    capital: it.c.kind === 'quantity' ? null : it.capital,
    location: it.location,
    asOf: it.asOf,
    year: it.year,
    sentence: { start: ss, end: Math.max(se, end) },
    confidence: it.c.confidence,
    locator: blockAt(blocks, start)?.locator ?? null,
  };
  figure.why = whyOf(it, figure);
  return figure;
}

/** "/người/ngày" as written -> "người/ngày" (lower case, no spaces around '/'). */
function perText(text: string, folded: Folded, span: [number, number]): string {
  const [a, b] = toOriginal(folded, span[0], span[1]);
  return text.slice(a, b).replace(/\s*\/\s*/g, '/').replace(/^\//, '').trim().toLowerCase();
}

function blockAt(blocks: Block[], pos: number): Block | null {
  const found = blocks[lastAtOrBefore(blocks, pos, (b) => b.start)];
  return found && pos < found.end ? found : null;
}


/** The reasons of the fields the figure carries (a field it does not show, null, has none). */
function whyOf(it: Item, f: Figure): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of MEANING_FIELDS) {
    const why = it.why[field];
    if (f[field] !== null && why !== undefined) out[field] = why;
  }
  return out;
}
