// Sentence spans of a text: a line break always ends one; ". ! ? …" end one when what follows
// starts a new sentence (capital, digit, quote, bracket, bullet). Abbreviations ("TP.") do not.
// Offsets are into the text given; ';' does not end a sentence (clauses are handled by the extractor).
export interface Span {
  start: number;
  end: number;
}

const BREAK = /\n|[.!?…]+(?=[\s\u00a0]+["“'(\[\-+*•\p{Lu}\p{N}])/gu;

export function sentenceSpans(text: string, abbreviations: readonly string[]): Span[] {
  const spans: Span[] = [];
  let start = 0;
  BREAK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BREAK.exec(text))) {
    if (m[0] !== '\n' && abbreviations.some((a) => isAbbreviationAt(text, a, m!.index + m![0].length))) continue;
    const end = m[0] === '\n' ? m.index : m.index + m[0].length;
    push(text, spans, start, end);
    start = m.index + m[0].length;
  }
  push(text, spans, start, text.length);
  return spans;
}

/** "TP." ends at `end` as a word of its own (not the "P." of "NĐ-CP."). */
function isAbbreviationAt(text: string, abbr: string, end: number): boolean {
  const start = end - abbr.length;
  return text.endsWith(abbr, end) && (start === 0 || !/[\p{L}\p{M}\-]/u.test(text[start - 1]));
}

function push(text: string, spans: Span[], start: number, end: number): void {
  // Trim surrounding white space so citations quote only the sentence.
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end > start) spans.push({ start, end });
}

