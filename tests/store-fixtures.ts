// Hand-built contract outputs for store and audit tests: figures are placed by finding their text
// in a document, so offsets and sentence spans are real.
import { ExtractOutputSchema, type ExtractOutput, type Figure } from '../src/contract/schema.ts';

export type FigureSpec = Partial<Omit<Figure, 'start' | 'end' | 'sentence' | 'text'>> & {
  /** Text of the figure; found in the document after the previous figure's start. */
  text: string;
  value: number;
};

/** Sentence around an offset: from after the last ". " / line start to the next "." / line end. */
function sentenceAt(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  while (s > 0 && text[s - 1] !== '\n' && !(text[s - 2] === '.' && text[s - 1] === ' ')) s--;
  let e = end;
  while (e < text.length && text[e] !== '\n' && !(text[e] === '.' && (text[e + 1] === ' ' || text[e + 1] === '\n' || e + 1 === text.length))) e++;
  return { start: s, end: Math.min(text.length, e + (text[e] === '.' ? 1 : 0)) };
}

export function figures(text: string, specs: FigureSpec[]): Figure[] {
  let from = 0;
  return specs.map((spec, i) => {
    const start = text.indexOf(spec.text, from);
    if (start < 0) throw new Error(`fixture: '${spec.text}' not found after ${from}`);
    from = start + 1;
    const end = start + spec.text.length;
    const kind = spec.kind ?? (spec.text.endsWith('%') ? 'percent' : spec.text.includes('đồng') ? 'money' : 'quantity');
    return {
      id: spec.id ?? `f${i + 1}`,
      kind,
      unit: kind === 'percent' ? '%' : kind === 'money' ? 'VND' : 'xã',
      per: null,
      of: null,
      rangeTo: null,
      qualifier: 'exact',
      metric: null,
      rateKind: null,
      rateOf: null,
      partOf: null,
      program: null,
      project: null,
      fund: null,
      capital: null,
      location: null,
      asOf: null,
      year: null,
      confidence: 1,
      locator: null,
      ...spec,
      start,
      end,
      sentence: sentenceAt(text, start, end),
    } satisfies Figure;
  });
}

export function output(text: string, specs: FigureSpec[], sha256 = 'a'.repeat(64)): ExtractOutput {
  return ExtractOutputSchema.parse({
    document: { sha256, format: 'txt', title: null, published: null, text },
    figures: figures(text, specs),
  });
}

export const tr = (n: number) => Math.round(n * 1e6);
