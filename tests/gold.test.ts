// Gold files must be well formed: spans match the source text, links hit gold figures.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadGold } from '../src/eval/gold-load.ts';

const docs = loadGold();

describe('gold corpus', () => {
  it('covers the five seeds and written passages', () => {
    expect(docs.filter((d) => d.source.startsWith('seeds/')).length).toBe(5);
    expect(docs.filter((d) => d.source.startsWith('corpus/passages/')).length).toBeGreaterThan(0);
  });
  for (const doc of docs) {
    it(`${doc.source}: spans and links are consistent`, () => {
      const text = readFileSync(doc.path, 'utf8').replace(/^\uFEFF/, '').normalize('NFC');
      const starts = new Set(doc.figures.map((f) => f.start));
      expect(starts.size).toBe(doc.figures.length);
      for (const f of doc.figures) {
        expect(text.slice(f.start, f.end), `figure at ${f.start}`).toBe(f.text);
        if (f.rateOf !== null) expect(starts.has(f.rateOf), `rateOf of ${f.start}`).toBe(true);
        if (f.partOf !== null) expect(starts.has(f.partOf), `partOf of ${f.start}`).toBe(true);
        if (f.kind === 'money') expect(f.unit).toBe('VND');
        if (f.kind === 'percent') expect(f.unit).toBe('%');
      }
    });
  }
});
