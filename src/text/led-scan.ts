// Many whole-text regexes in one pass. Each regex here starts (every top-level branch) with the
// word-start lookbehind `(?<![L])` and then one of a known set of phrases (its leads). Run one by
// one, each regex walks the whole text; here one walk of a trie of every lead finds, at each word
// start, which regexes can match there, and each regex is then tried (sticky) only at those
// positions, in order, skipping what its previous match covered — the matches a `g` exec loop
// finds, exactly (tests/led-scan.test.ts compares the two on every corpus text).
import { foldPhrase } from './fold.ts';

export interface Led {
  /** A global regex whose every match starts with a word-start lookbehind and one of `leads`. */
  re: RegExp;
  /** Phrases (folded here) one of which every match starts with. */
  leads: readonly string[];
}

export interface LedHits {
  /** The matches of a regex the scanner was built with, in order. */
  of(re: RegExp): readonly RegExpExecArray[];
}

/** `letters` is the class (regex source, no brackets) whose characters make a position no word start. */
export function ledScanner(leds: readonly Led[], letters: string): (ft: string) => LedHits {
  if (leds.length > 31) throw new Error('ledScanner: at most 31 regexes (one bit each)');
  const isLetter = new Uint8Array(65536);
  const letter = new RegExp(`[${letters}]`);
  for (let c = 0; c < 65536; c++) if (letter.test(String.fromCharCode(c))) isLetter[c] = 1;

  const { symbol, width, next, endMask } = trie(leds.map((l) => [...new Set(l.leads.map(foldPhrase))].filter(Boolean)));
  const sticky = leds.map((l) => new RegExp(l.re.source, l.re.flags.replace('g', '') + 'y'));
  const index = new Map(leds.map((l, i) => [l.re, i]));

  return (ft) => {
    const starts: number[][] = leds.map(() => []);
    const n = ft.length;
    let afterLetter = 0;
    for (let p = 0; p < n; p++) {
      const c = ft.charCodeAt(p);
      const wordStart = afterLetter === 0;
      afterLetter = isLetter[c];
      if (!wordStart) continue;
      let node = next[symbol[c]]; // from the root (node 0); symbol 0 leads nowhere
      if (!node) continue;
      let mask = endMask[node];
      for (let i = p + 1; i < n; i++) {
        const s = symbol[ft.charCodeAt(i)];
        if (!s) break;
        node = next[node * width + s];
        if (!node) break;
        mask |= endMask[node];
      }
      for (let bit = 0; mask; bit++, mask >>>= 1) if (mask & 1) starts[bit].push(p);
    }
    const matches: RegExpExecArray[][] = sticky.map((re, k) => {
      const out: RegExpExecArray[] = [];
      let covered = 0;
      for (const p of starts[k]) {
        if (p < covered) continue;
        re.lastIndex = p;
        const m = re.exec(ft);
        if (!m) continue;
        out.push(m);
        covered = Math.max(p + 1, m.index + m[0].length);
      }
      return out;
    });
    return {
      of(re) {
        const k = index.get(re);
        if (k === undefined) throw new Error('ledScanner: a regex it was not built with');
        return matches[k];
      },
    };
  };
}

/** A trie of phrases over char codes as a flat table (alphabet = the characters the phrases use); bit k of a node's mask: a phrase of list k ends there. */
function trie(lists: string[][]): { symbol: Uint16Array; width: number; next: Int32Array; endMask: Int32Array } {
  const symbol = new Uint16Array(65536);
  let size = 0;
  for (const list of lists) for (const p of list) for (let i = 0; i < p.length; i++) if (!symbol[p.charCodeAt(i)]) symbol[p.charCodeAt(i)] = ++size;
  const width = size + 1;
  let next = new Int32Array(width * 64);
  const ends: number[] = [0];
  lists.forEach((list, bit) => {
    for (const p of list) {
      let n = 0;
      for (let i = 0; i < p.length; i++) {
        const k = n * width + symbol[p.charCodeAt(i)];
        if (!next[k]) {
          if (ends.length * width >= next.length) {
            const grown = new Int32Array(next.length * 2);
            grown.set(next);
            next = grown;
          }
          next[k] = ends.length;
          ends.push(0);
        }
        n = next[k];
      }
      ends[n] |= 1 << bit;
    }
  });
  return { symbol, width, next, endMask: Int32Array.from(ends) };
}
