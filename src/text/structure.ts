// Document structure the extractor needs: headings (numbered lines in plain text, heading blocks
// from DOCX/HTML) and footnotes (Word exports flattened to "[footnoteRef:N]" / "[N: …]", or
// footnote blocks from DOCX) with the place in the body that refers to each.
import type { Block } from '../contract/parsed.ts';
import { textFootnotes } from './footnotes.ts';
import { lastAtOrBefore, spanIndexAt } from './search.ts';
import type { Lexicons } from '../patterns/lexicons.ts';

export interface Heading {
  start: number;
  end: number;
  level: number;
}

export interface Footnote {
  n: number;
  start: number;
  end: number;
  /** Offset in the body just where the footnote is referenced (after the figure it explains). */
  refAt: number | null;
}

const ALL_CAPS = /^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$/u;

export function findHeadings(text: string, blocks: readonly Block[], lex: Lexicons): Heading[] {
  const out: Heading[] = [];
  const seen = new Set<number>();
  for (const b of blocks) {
    if (b.kind !== 'heading') continue;
    const line = text.slice(b.start, b.end);
    out.push({ start: b.start, end: b.end, level: b.level ?? lex.headings.find((h) => h.re.test(line))?.level ?? 1 });
    seen.add(b.start);
  }
  let lineStart = 0;
  let previous: Heading | null = null;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const trimmed = line.trim();
    let current: Heading | null = null;
    if (trimmed && line.length <= lex.headingMaxLength && !seen.has(lineStart)) {
      // A numbered line ending in ':' or ';' opens a list, not a section — unless its form says so ("- Năm 2021:").
      const h = lex.headings.find((x) => x.re.test(line));
      if (h && (h.colon ? /:\s*$/.test(trimmed) : !/[;:]\s*$/.test(trimmed))) current = { start: lineStart, end: lineEnd, level: h.level };
      else if (previous && (ALL_CAPS.test(trimmed) || /^\([^()]*\)$/.test(trimmed)) && trimmed.length < 200) {
        // "PHẦN II" / "KẾT QUẢ THỰC HIỆN …" / "(Tính đến 30/6/2024)": a capitalised or bracketed
        // line continues the heading above it.
        previous.end = lineEnd;
        current = previous;
      } else if (ALL_CAPS.test(trimmed) && trimmed.length < 200 && /\p{L}{2}/u.test(trimmed)) {
        // An unnumbered capitalised line is a section heading (Word's automatic numbering is lost).
        current = { start: lineStart, end: lineEnd, level: lex.capsHeadingLevel };
      }
    }
    if (current && current !== previous) out.push(current);
    previous = current;
    lineStart = lineEnd + 1;
  }
  return out.sort((a, b) => a.start - b.start);
}


/**
 * The headings in force at any position, innermost first, with an optional outermost heading (the
 * title) that covers the whole text. Each heading's chain is built once; a lookup is a binary search.
 */
export function headingIndex(headings: readonly Heading[], outer: Heading | null): (pos: number) => readonly Heading[] {
  const sorted = [...headings].sort((a, b) => a.start - b.start);
  const chains: Heading[][] = [];
  let open: Heading[] = [];
  for (const h of sorted) {
    while (open.length && open[open.length - 1].level >= h.level) open.pop();
    open = [...open, h];
    chains.push([...open].reverse());
  }
  const base = outer ? [outer] : [];
  const withOuter = chains.map((c) => (outer && !c.some((h) => h.start === outer.start) ? [...c, outer] : c));
  return (pos) => {
    const i = lastAtOrBefore(sorted, pos, (h) => h.start);
    return i < 0 ? base : withOuter[i];
  };
}

export function findFootnotes(text: string, blocks: readonly Block[]): Footnote[] {
  const fromBlocks = blocks.filter((b) => b.kind === 'footnote' && b.footnote != null);
  // Structure from a parser when it has any; else read the footnotes written into the text.
  const source = fromBlocks.length ? fromBlocks : textFootnotes(text);
  return source.map((b) => ({ n: b.footnote!, start: b.start, end: b.end, refAt: b.refAt ?? null })).sort((a, b) => a.start - b.start);
}

/** The footnote body holding `pos` (footnotes sorted by start, not overlapping). */
export function footnoteAt(footnotes: readonly Footnote[], pos: number): Footnote | null {
  return footnotes[spanIndexAt(footnotes, pos)] ?? null;
}
