// Claims typed without diacritics ("Dien Bien da giai ngan hon 275 ty dong"): the extractor reads
// Vietnamese words by their marks, so words typed bare are given back the marks of the phrase
// they spell in patterns/ (or in the short claim vocabulary below). Words that carry any mark are
// left as typed: only what the writer could not type is restored.
import { lexicons } from '../patterns/lexicons.ts';
import { loadPlaces } from '../patterns/places.ts';
import { fold } from '../store/fold.ts';

/** Everyday words of a claim that patterns/ holds only inside longer phrases. */
const CLAIM_WORDS = ['đã', 'được', 'vốn', 'nguồn vốn', 'năm', 'tỉnh', 'huyện', 'xã', 'đạt', 'kế hoạch', 'giao', 'giải ngân', 'chương trình', 'dự án', 'tiểu dự án', 'của', 'cho', 'và', 'trong đó', 'tổng', 'đến', 'ngày', 'tháng', 'hộ nghèo', 'thực hiện'];
const MAX_WORDS = 8;

interface Entry {
  phrase: string;
  /** A proper name: every word capitalised (the extractor only reads capitalised places). */
  name: boolean;
}

let dictionary: Map<string, Entry> | null = null;

function build(): Map<string, Entry> {
  const map = new Map<string, Entry>();
  const add = (phrase: string, name: boolean) => {
    const key = fold(phrase);
    // A phrase without marks needs no restoring; the first spelling of a key wins (patterns first).
    if (key === phrase.toLowerCase() || map.has(key) || key.split(' ').length > MAX_WORDS) return;
    map.set(key, { phrase, name });
  };
  const collect = (v: unknown, key = ''): void => {
    if (key === 'examples' || key === 'description' || key === 'regex') return;
    if (typeof v === 'string') add(v, false);
    else if (Array.isArray(v)) v.forEach((x) => collect(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) collect(x, k);
  };
  collect(lexicons().raw);
  for (const p of loadPlaces().provinces) {
    for (const n of [p.name, ...p.aliases]) add(n, true);
    for (const d of p.districts) for (const n of [d.name, ...(d.aliases ?? [])]) add(n, true);
  }
  for (const w of CLAIM_WORDS) add(w, false);
  return map;
}

const WORD = /[\p{L}\p{M}]+/gu;

/** The claim with bare words restored where they spell a known phrase; marked words untouched. */
export function restoreDiacritics(claim: string): string {
  const dict = (dictionary ??= build());
  const words = [...claim.matchAll(WORD)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const bare = words.map((w) => fold(w.text) === w.text.toLowerCase());
  let out = '';
  let at = 0;
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    let entry: Entry | undefined;
    for (let n = Math.min(MAX_WORDS, words.length - i); n >= 1 && !entry; n--) {
      const run = words.slice(i, i + n);
      if (!bare.slice(i, i + n).every(Boolean)) continue;
      // Words of a phrase stand apart by spaces only.
      if (run.some((w, k) => k > 0 && !/^ +$/.test(claim.slice(run[k - 1].end, w.start)))) continue;
      entry = dict.get(fold(run.map((w) => w.text).join(' ')));
      if (entry) matched = n;
    }
    if (!entry) {
      i++;
      continue;
    }
    const run = words.slice(i, i + matched);
    out += claim.slice(at, run[0].start) + spell(entry, run.map((w) => w.text));
    at = run[matched - 1].end;
    i += matched;
  }
  return out + claim.slice(at);
}

/** The phrase in the typed words' case: a capitalised word stays capitalised, names always are. */
function spell(entry: Entry, typed: string[]): string {
  const words = entry.phrase.split(' ');
  if (words.length !== typed.length) return entry.phrase;
  return words
    .map((w, k) => {
      const t = typed[k];
      if (t === t.toUpperCase() && t.length > 1) return w.toUpperCase();
      return entry.name || t[0] !== t[0].toLowerCase() ? w[0].toUpperCase() + w.slice(1) : w;
    })
    .join(' ');
}
