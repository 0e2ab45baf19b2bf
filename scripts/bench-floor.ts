// The bench's floor: the least work any extractor does before it gives a figure meaning — fold the
// text and look every phrase of patterns/ up once — done the fast way, in one pass over char codes:
// lower-case by table, hash each syllable (a run of letters) as it is read, find its id among the
// phrases' syllables, then walk a trie of token ids (syllables and the characters between them)
// at each word start. A regex alternation of the phrases does the same look-up several times
// slower, so timing that would flatter whatever is compared with it.

/** Builds the look-up of `phrases` (folded already) for `letters` (a regex class body): returns a counter of phrase hits. */
export function floorScanner(phrases: readonly string[], letters: string): (text: string) => number {
  const letter = new RegExp(`[${letters}]`);
  const LOWER = new Uint16Array(65536);
  const LETTER = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) {
    const ch = String.fromCharCode(c);
    const low = ch.toLowerCase();
    LOWER[c] = low.length === 1 ? low.charCodeAt(0) : c;
    LETTER[c] = letter.test(low) ? 1 : 0;
  }
  // Token ids: syllables 1..S, then each other character its own.
  const ids = new Map<string, number>();
  const idOf = (t: string) => ids.get(t) ?? (ids.set(t, ids.size + 1), ids.size);
  const tokensOf = (p: string): number[] => (p.match(new RegExp(`[${letters}]+|[^${letters}]`, 'g')) ?? []).map(idOf);
  const edges = new Map<number, number>();
  const ends = [false];
  const WIDTH = 1 << 16;
  for (const p of new Set(phrases)) {
    let node = 0;
    for (const t of tokensOf(p)) {
      const key = node * WIDTH + t;
      let child = edges.get(key);
      if (child === undefined) edges.set(key, (child = ends.push(false) - 1));
      node = child;
    }
    ends[node] = true;
  }
  if (ids.size >= WIDTH) throw new Error('floorScanner: too many distinct tokens');
  // Syllables by hash in an open-addressed table; a hit is confirmed char by char.
  const syllables = [...ids.keys()];
  const SIZE = 1 << Math.ceil(Math.log2(syllables.length * 4 + 16));
  const slotHash = new Int32Array(SIZE);
  const slotId = new Int32Array(SIZE);
  const hashOf = (s: string) => {
    let h = 0;
    for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
    return h;
  };
  syllables.forEach((s, k) => {
    if (!letter.test(s[0])) return;
    const h = hashOf(s);
    let i = h & (SIZE - 1);
    while (slotId[i]) i = (i + 1) & (SIZE - 1);
    slotHash[i] = h;
    slotId[i] = k + 1;
  });
  const sepId = new Int32Array(65536);
  syllables.forEach((s, k) => {
    if (!letter.test(s[0])) sepId[s.charCodeAt(0)] = k + 1;
  });

  let tok = new Int32Array(1024);
  let tokEnd = new Int32Array(1024);
  return (text) => {
    const n = text.length;
    if (tok.length < n + 1) {
      tok = new Int32Array(n + 1);
      tokEnd = new Int32Array(n + 1);
    }
    // The one pass: each token's id (0: no phrase has it) and end; a token starts each word.
    let count = 0;
    let wordStart = true;
    for (let p = 0; p < n; ) {
      const c = LOWER[text.charCodeAt(p)];
      if (!LETTER[c]) {
        tok[count] = wordStart ? sepId[c] : -1 - sepId[c]; // negative: not at a word start
        tokEnd[count++] = ++p;
        wordStart = true;
        continue;
      }
      const start = p;
      let h = 0;
      for (; p < n; p++) {
        const d = LOWER[text.charCodeAt(p)];
        if (!LETTER[d]) break;
        h = (Math.imul(h, 31) + d) | 0;
      }
      let id = 0;
      for (let i = h & (SIZE - 1); slotId[i]; i = (i + 1) & (SIZE - 1)) {
        if (slotHash[i] !== h) continue;
        const s = syllables[slotId[i] - 1];
        if (s.length !== p - start) continue;
        let k = 0;
        while (k < s.length && s.charCodeAt(k) === LOWER[text.charCodeAt(start + k)]) k++;
        if (k === s.length) {
          id = slotId[i];
          break;
        }
      }
      tok[count] = id;
      tokEnd[count++] = p;
      wordStart = false;
    }
    // The walk: the longest phrase at each word start that a letter does not continue, then on past it.
    let hits = 0;
    for (let t = 0; t < count; ) {
      let node = 0;
      let best = -1;
      for (let u = t; u < count; u++) {
        const id = tok[u] < 0 ? -1 - tok[u] : tok[u];
        if (!id || (u === t && tok[u] < 0)) break;
        const child = edges.get(node * WIDTH + id);
        if (child === undefined) break;
        node = child;
        if (ends[node] && (tokEnd[u] >= n || !LETTER[LOWER[text.charCodeAt(tokEnd[u])]])) best = u;
      }
      if (best >= 0) {
        hits++;
        t = best + 1;
      } else t++;
    }
    return hits;
  };
}
