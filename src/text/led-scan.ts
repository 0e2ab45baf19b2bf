// Many whole-text regexes in one pass. Each regex here starts (every top-level branch) with the
// word-start lookbehind `(?<![L])` and then one of a known set of phrases (its leads). Run one by
// one, each regex walks the whole text; here one walk of a trie of every lead finds, at each word
// start, which regexes can match there, and each regex is then tried (sticky) only at those
// positions, in order, skipping what its previous match covered — the matches a `g` exec loop
// finds, exactly (tests/led-scan.test.ts compares the two on every corpus text).
import { foldPhrase } from './fold.ts';
import { countBelow } from './search.ts';

export interface Led {
  /** A global regex whose every match starts with a word-start lookbehind and one of `leads`. */
  re: RegExp;
  /** Phrases (folded here) one of which every match starts with. */
  leads: readonly string[];
  /** Only where its leads start is wanted (mayStart), not its matches over the whole text. */
  startsOnly?: boolean;
}

export interface LedHits {
  /** The matches of a regex the scanner was built with, in order. */
  of(re: RegExp): readonly RegExpExecArray[];
  /**
   * Can a match of the regex start in [from, to) when a window of ft starting at `from` is scanned
   * on its own (the window's start counts as a word start)? False only when none of its leads
   * starts there. Windows whose quotes were blanked by spaces may ask too: no lead begins or ends
   * with a space or holds two, so a blanked run can neither start nor be inside a match.
   */
  mayStart(re: RegExp, from: number, to: number): boolean;
}

/** The trie of every regex's leads (its tables are plain typed arrays, so a build can keep them). */
export type LeadTrie = ReturnType<typeof trie>;

/**
 * `letters` is the class (regex source, no brackets) whose characters make a position no word start.
 * `keep` may return a trie kept for the same leads (`input` names them all) instead of making it.
 */
export function ledScanner(
  leds: readonly Led[],
  letters: string,
  keep: (input: string, make: () => LeadTrie) => LeadTrie = (_input, make) => make(),
): (ft: string) => LedHits {
  if (leds.length > 31) throw new Error('ledScanner: at most 31 regexes (one bit each)');
  // Which char codes are letters, learnt as they are met (-1: not yet): a table of all 65,536 up
  // front costs 10–20 ms of every process's start.
  const isLetter = new Int8Array(65536).fill(-1);
  const letter = new RegExp(`[${letters}]`);
  const letterAt = (c: number): number => (isLetter[c] = letter.test(String.fromCharCode(c)) ? 1 : 0);

  const { symbol, width, next, endMask } = keep(JSON.stringify(leds.map((l) => l.leads)), () => {
    const lists = leds.map((l) => [...new Set(l.leads.map(foldPhrase))].filter(Boolean));
    const spaced = lists.flat().find((p) => /^ | $|  /.test(p));
    if (spaced !== undefined) throw new Error(`ledScanner: a lead with an outer or double space: '${spaced}'`);
    return trie(lists);
  });
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
      if (afterLetter < 0) afterLetter = letterAt(c);
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
      if (leds[k].startsOnly) return out;
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
    const bitOf = (re: RegExp) => {
      const k = index.get(re);
      if (k === undefined) throw new Error('ledScanner: a regex it was not built with');
      return k;
    };
    return {
      of(re) {
        const k = bitOf(re);
        if (leds[k].startsOnly) throw new Error('ledScanner: starts only were kept for this regex');
        return matches[k];
      },
      mayStart(re, from, to) {
        const k = bitOf(re);
        const list = starts[k];
        const i = countBelow(list, from, (p) => p);
        if (i < list.length && list[i] < to) return true;
        // The window's own start: a lead there counts even inside a word of the whole text.
        let node = 0;
        for (let j = from; j < ft.length; j++) {
          const s = symbol[ft.charCodeAt(j)];
          if (!s) return false;
          node = next[node * width + s];
          if (!node) return false;
          if (endMask[node] & (1 << k)) return true;
        }
        return false;
      },
    };
  };
}

/** A trie of phrases over char codes as a flat table (alphabet = the characters the phrases use); bit k of a node's mask: a phrase of list k ends there. */
function trie(lists: string[][]): { symbol: Uint16Array; width: number; next: Int32Array | Uint16Array; endMask: Int32Array } {
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
  // Half the bytes when the node numbers allow: the walk is bound by reads of this table.
  const used = next.subarray(0, ends.length * width);
  return { symbol, width, next: ends.length < 65536 ? Uint16Array.from(used) : used, endMask: Int32Array.from(ends) };
}
