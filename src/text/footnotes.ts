// Footnotes written into plain text: a body with its number ("[10: trong đó …]" from Word exports,
// or a line "[1] Trong đó: …") and the marker where it is referenced ("[footnoteRef:10]", "…đồng[1]").
// The forms are data (patterns/structure.json); a body becomes a footnote block linked to its marker.
import type { Block } from '../contract/parsed.ts';
import { lexicons } from '../patterns/lexicons.ts';

export function textFootnotes(text: string): Block[] {
  const blocks: Block[] = [];
  const taken = new Set<number>();
  for (const form of lexicons().footnoteForms) {
    const refs = new Map<number, number>();
    for (const m of text.matchAll(form.marker)) if (!refs.has(Number(m[1]))) refs.set(Number(m[1]), m.index);
    for (const m of text.matchAll(form.body)) {
      const n = Number(m[1]);
      const start = m.index + m[0].lastIndexOf(m[2]);
      const refAt = refs.get(n);
      // A plain "[1]" body needs its marker before it; a number already read in one form stays.
      if (taken.has(start) || (refAt === undefined && form.needsMarker) || (refAt !== undefined && refAt > start)) continue;
      taken.add(start);
      blocks.push({ kind: 'footnote', start, end: start + m[2].length, locator: { footnote: n }, footnote: n, refAt: refAt ?? null });
    }
  }
  return blocks.sort((a, b) => a.start - b.start);
}
