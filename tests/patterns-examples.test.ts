// Every patterns/*.json file carries worked examples; each one runs through the real extractor.
// An example lists figures by their text with the fields that must hold; "figures": [] means the
// sentence holds no figure at all (dates, labels, document numbers).
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { REPO_ROOT } from '../src/eval/gold-load.ts';
import { join } from 'node:path';
import { PATTERNS_DIR } from '../src/patterns/dir.ts';
import { extractFigures } from '../src/extract/document.ts';
import type { PatternExample } from '../src/patterns/lexicons.ts';
import type { Figure } from '../src/contract/schema.ts';


const files = readdirSync(PATTERNS_DIR).filter((n) => n.endsWith('.json'));

function run(text: string): Figure[] {
  return extractFigures({ format: 'txt', title: null, published: null, text, blocks: [] }).figures;
}

describe('patterns examples', () => {
  it('every patterns file has examples', () => {
    for (const name of files) {
      const data = JSON.parse(readFileSync(join(PATTERNS_DIR, name), 'utf8'));
      // Rule lists carry example sentences; per-site selectors name the saved page they were checked on.
      const sites: { example?: string }[] | undefined = data.sites;
      const ok = (Array.isArray(data.examples) && data.examples.length > 0) || (sites?.length && sites.every((s) => s.example && existsSync(join(REPO_ROOT, s.example))));
      expect(Boolean(ok), name).toBe(true);
    }
  });
  for (const name of files) {
    const data = JSON.parse(readFileSync(join(PATTERNS_DIR, name), 'utf8')) as { examples?: PatternExample[] };
    for (const ex of data.examples ?? []) {
      if (!('figures' in ex)) continue;
      it(`${name}: ${ex.text.slice(0, 70)}`, () => {
        const figures = run(ex.text);
        if (ex.figures.length === 0) {
          expect(figures.map((f) => f.text)).toEqual([]);
          return;
        }
        const byId = new Map(figures.map((f) => [f.id, f]));
        for (const want of ex.figures) {
          // A unit noun may run on ("320 hộ nghèo" for "320 hộ"): the example names the figure's start.
          const got = figures.find((f) => f.text === want.text) ?? figures.find((f) => f.text.startsWith(`${want.text} `));
          expect(got, `no figure "${String(want.text)}" in ${JSON.stringify(figures.map((f) => f.text))}`).toBeDefined();
          for (const [field, value] of Object.entries(want)) {
            if (field === 'text') continue;
            if (field === 'partOfText' || field === 'rateOfText') {
              const link = field === 'partOfText' ? got!.partOf : got!.rateOf;
              expect(link ? byId.get(link)?.text : null, `${want.text}: ${field}`).toBe(value);
            } else {
              expect((got as Record<string, unknown>)[field], `${want.text}: ${field}`).toEqual(value);
            }
          }
        }
      });
    }
  }
});
