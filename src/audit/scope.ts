// Small facts about where figures stand in the text and how they relate, shared by the rules.
import type { Figure } from '../contract/schema.ts';

/** [start, end) of the line (paragraph, for plain text) holding offset `at`. */
export function paragraphAt(text: string, at: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const nl = text.indexOf('\n', at);
  return { start, end: nl === -1 ? text.length : nl };
}

/** Two optional attributes agree: equal, or at least one unknown. */
export function compatible<T>(a: T | null, b: T | null): boolean {
  return a === null || b === null || a === b;
}

/** Same figure family: money with money, percent with percent, quantities of the same unit. */
export function sameMeasure(a: Figure, b: Figure): boolean {
  return a.kind === b.kind && a.unit === b.unit && a.per === b.per;
}

export function byId(figures: Figure[]): Map<string, Figure> {
  return new Map(figures.map((f) => [f.id, f]));
}
