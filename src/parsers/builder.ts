// Assembles a structured document's canonical text: one block per line ('\n' between blocks),
// footnote bodies after the body, each block with its offsets and locator.
import type { Block } from '../contract/parsed.ts';
import type { Locator } from '../contract/schema.ts';

type BlockExtra = Omit<Block, 'kind' | 'start' | 'end' | 'locator'>;

export interface PendingFootnote {
  number: number;
  text: string;
  locator: Locator;
}

export class TextBuilder {
  private parts: string[] = [];
  private length = 0;
  readonly blocks: Block[] = [];
  /** Where each footnote's reference marker stood (offset in the text, after the word it follows). */
  private refs = new Map<number, number>();

  /** Offset the next block will start at. */
  get offset(): number {
    return this.length === 0 ? 0 : this.length + 1;
  }

  /** Adds one block; whitespace is collapsed so the block is exactly one line. Returns its start. */
  add(kind: Block['kind'], raw: string, locator: Locator, extra: BlockExtra = {}): number | null {
    const text = oneLine(raw);
    if (text === '') return null;
    if (this.length > 0) this.push('\n');
    const start = this.length;
    this.push(text);
    this.blocks.push({ kind, start, end: this.length, locator, ...extra });
    return start;
  }

  /** Records a footnote reference at `at`, an offset already in (or just about to be in) the text. */
  refer(footnote: number, at: number): void {
    if (!this.refs.has(footnote)) this.refs.set(footnote, at);
  }

  /** Appends the footnote bodies, linked to where they were referenced. */
  addFootnotes(notes: PendingFootnote[]): void {
    for (const n of notes) {
      this.add('footnote', n.text, { ...n.locator, footnote: n.number }, { footnote: n.number, refAt: this.refs.get(n.number) ?? null });
    }
  }

  get text(): string {
    return this.parts.join('');
  }

  private push(s: string): void {
    this.parts.push(s);
    this.length += s.length;
  }
}

/** Collapses whitespace runs (including NBSP kept as a space) into single spaces and trims. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
