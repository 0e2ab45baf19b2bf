// Highlighting search words and cited spans in document text. FTS5's highlight() returns the
// document's own text unescaped, so offsets are found here and every character is escaped.
import { fold } from '../store/fold.ts';
import { escape, Safe } from './html.ts';

export interface Mark {
  start: number;
  end: number;
  /** CSS class of the <mark>. */
  cls: string;
}

/** Offsets in `text` of the search's words, found diacritic-insensitively (as FTS matches). */
export function termMarks(text: string, search: string | undefined, cls = 'term'): Mark[] {
  const words = search ? fold(search).match(/[\p{L}\p{N}]+/gu) : null;
  if (!words) return [];
  // Fold one character at a time, keeping where each folded character came from; combining marks
  // (decomposed text) fold to nothing and are dropped, so "ngân" in NFD still reads "ngan".
  let folded = '';
  const from: number[] = [];
  for (let i = 0; i < text.length; ) {
    const c = String.fromCodePoint(text.codePointAt(i)!);
    const f = /\s/.test(c) ? ' ' : fold(c);
    for (let k = 0; k < f.length; k++) from.push(i);
    folded += f;
    i += c.length;
  }
  from.push(text.length);
  const marks: Mark[] = [];
  for (const w of new Set(words)) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of folded.matchAll(re)) {
      // The end runs over the last letter's combining marks.
      let end = from[m.index + w.length - 1] + 1;
      while (end < text.length && /\p{M}/u.test(text[end])) end++;
      marks.push({ start: from[m.index], end, cls });
    }
  }
  return marks.sort((a, b) => a.start - b.start);
}

/** The text with marks (nested or overlapping ones are cut at each other's edges), escaped. */
export function marked(text: string, marks: Mark[], offset = 0): Safe {
  const cuts = new Set([0, text.length]);
  for (const m of marks) for (const x of [m.start - offset, m.end - offset]) if (x > 0 && x < text.length) cuts.add(x);
  const points = [...cuts].sort((a, b) => a - b);
  let out = '';
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const cls = marks.filter((m) => m.start - offset <= a && m.end - offset >= b && m.end > m.start).map((m) => m.cls);
    const piece = escape(text.slice(a, b));
    out += cls.length ? `<mark class="${[...new Set(cls)].join(' ')}">${piece}</mark>` : piece;
  }
  return new Safe(out);
}
