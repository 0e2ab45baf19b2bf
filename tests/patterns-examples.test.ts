// Every patterns/*.json file carries worked examples; each one runs through the real extractor.
// Examples are strict (Duckling's corpus): an example lists every figure its sentence holds, by
// text, with the fields that must hold; "not" lists values a field must not take; "figures": []
// means the sentence holds no figure at all (dates, labels, document numbers). Every file has a
// negative example (no figure, a "not", or a note starting "negative"), and every phrase of a
// file appears in one of its examples unless patterns/unexampled.json grandfathers it.
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { REPO_ROOT } from '../src/eval/gold-load.ts';
import { join } from 'node:path';
import { PATTERNS_DIR } from '../src/patterns/dir.ts';
import { extractFigures } from '../src/extract/document.ts';
import { unexampled, COVERAGE_EXEMPT } from '../src/patterns/coverage.ts';
import type { Figure } from '../src/contract/schema.ts';

interface Example {
  text: string;
  note?: string;
  figures: Record<string, unknown>[];
}

const files = readdirSync(PATTERNS_DIR).filter((n) => n.endsWith('.json') && n !== 'unexampled.json');
const read = (name: string) => JSON.parse(readFileSync(join(PATTERNS_DIR, name), 'utf8'));
const grandfathered: Record<string, string[]> = read('unexampled.json').phrases;

function run(text: string): Figure[] {
  return extractFigures({ format: 'txt', title: null, published: null, text, blocks: [] }).figures;
}

/** A unit noun may run on ("320 hộ nghèo" for "320 hộ"): an example names the figure's start. */
const named = (f: Figure, text: string) => f.text === text || f.text.startsWith(`${text} `);

describe('patterns examples', () => {
  it('every patterns file has examples', () => {
    for (const name of files) {
      const data = read(name);
      // Rule lists carry example sentences; per-site selectors name the saved page they were checked on.
      const sites: { example?: string }[] | undefined = data.sites;
      const ok = (Array.isArray(data.examples) && data.examples.length > 0) || (sites?.length && sites.every((s) => s.example && existsSync(join(REPO_ROOT, s.example))));
      expect(Boolean(ok), name).toBe(true);
    }
  });

  it('every rule file has a negative example', () => {
    for (const name of files.filter((n) => !COVERAGE_EXEMPT.has(n))) {
      const examples: Example[] = read(name).examples ?? [];
      const negative = examples.some((e) => e.figures.length === 0 || e.note?.startsWith('negative') || e.figures.some((f) => 'not' in f));
      expect(negative, `${name} has no negative example`).toBe(true);
    }
  });

  it('every phrase has an example, or is grandfathered in unexampled.json', () => {
    for (const name of files.filter((n) => !COVERAGE_EXEMPT.has(n))) {
      const missing = unexampled(read(name));
      const old = new Set(grandfathered[name] ?? []);
      expect(missing.filter((p) => !old.has(p)), `${name}: phrases added without an example`).toEqual([]);
      // The list only shrinks: a phrase that now has an example (or is gone) leaves it.
      expect([...old].filter((p) => !missing.includes(p)), `${name}: remove from unexampled.json`).toEqual([]);
    }
  });

  for (const name of files) {
    const data = read(name) as { examples?: Example[] };
    for (const ex of data.examples ?? []) {
      if (!('figures' in ex)) continue;
      it(`${name}: ${ex.text.slice(0, 70)}`, () => {
        const figures = run(ex.text);
        // Strict: every figure found is listed.
        const unlisted = figures.filter((f) => !ex.figures.some((w) => named(f, String(w.text))));
        expect(unlisted.map((f) => f.text), 'figures the example does not list').toEqual([]);
        const byId = new Map(figures.map((f) => [f.id, f]));
        for (const want of ex.figures) {
          const got = figures.find((f) => f.text === want.text) ?? figures.find((f) => named(f, String(want.text)));
          expect(got, `no figure "${String(want.text)}" in ${JSON.stringify(figures.map((f) => f.text))}`).toBeDefined();
          for (const [field, value] of Object.entries(want)) {
            if (field === 'text') continue;
            if (field === 'partOfText' || field === 'rateOfText') {
              const link = field === 'partOfText' ? got!.partOf : got!.rateOf;
              expect(link ? byId.get(link)?.text : null, `${want.text}: ${field}`).toBe(value);
            } else if (field === 'not') {
              for (const [f, v] of Object.entries(value as Record<string, unknown>)) expect((got as Record<string, unknown>)[f], `${want.text}: ${f} must not be`).not.toEqual(v);
            } else {
              expect((got as Record<string, unknown>)[field], `${want.text}: ${field}`).toEqual(value);
            }
          }
        }
      });
    }
  }
});
