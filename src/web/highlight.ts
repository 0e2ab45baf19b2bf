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
  // Fold one character at a time so folded offsets are the text's offsets.
  const folded = Array.from(text, (c) => {
    const f = fold(c);
    return f.length === c.length ? f : (f + ' '.repeat(c.length)).slice(0, c.length);
  }).join('');
  const marks: Mark[] = [];
  for (const w of new Set(words)) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'gu');
    for (const m of folded.matchAll(re)) {
      // FTS5 matches whole tokens; a prefix of a longer word is not a match.
      const end = m.index + w.length;
      if (/[\p{L}\p{N}]/u.test(folded[end] ?? '')) continue;
      marks.push({ start: m.index, end, cls });
    }
  }
  return marks;
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
