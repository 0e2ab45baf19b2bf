// Which phrases of a patterns file no example shows. Every phrase must be seen in one of its
// file's examples (Duckling keeps a corpus beside each rule); the ones that predate the rule are
// listed in patterns/unexampled.json, a list that may only shrink.
import { foldPhrase } from '../text/fold.ts';

/** Files whose phrases are checked by other means: the gazetteer (tests/patterns-places) and site selectors (saved pages). */
export const COVERAGE_EXEMPT = new Set(['places.json', 'sites.json', 'unexampled.json']);

/** Every phrase of a patterns file: the strings of its phrase lists, and the number words of `digits`. */
export function phrasesOf(data: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (x: unknown, key: string) => {
    if (key === 'examples' || key === 'description') return;
    if (Array.isArray(x)) {
      if (x.length && x.every((v) => typeof v === 'string')) out.push(...(x as string[]));
      else for (const v of x) walk(v, key);
    } else if (x && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) walk(v, k);
      if (key === 'digits') out.push(...Object.keys(x));
    }
  };
  walk(data, '');
  return [...new Set(out)];
}

/** The phrases no example text of the file contains (compared folded, as the extractor reads). */
export function unexampled(data: Record<string, unknown> & { examples?: { text: string }[] }): string[] {
  const texts = (data.examples ?? []).map((e) => ` ${foldPhrase(e.text)} `).join('\n');
  return phrasesOf(data).filter((p) => !texts.includes(foldPhrase(p)));
}
