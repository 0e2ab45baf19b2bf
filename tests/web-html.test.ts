// The page's HTML building blocks: escaping, search-word offsets, and marks over escaped text.
import { describe, expect, it } from 'vitest';
import { html, escape } from '../src/web/html.ts';
import { marked, termMarks } from '../src/web/highlight.ts';

describe('escaping and highlighting', () => {
  it('escapes every interpolated value, and only those', () => {
    const evil = '<img src=x onerror="alert(1)"> & \'';
    expect(escape(evil)).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;');
    expect(html`<p title="${evil}">${evil}</p>`.html).toBe(`<p title="${escape(evil)}">${escape(evil)}</p>`);
    expect(html`<ul>${['<a>', html`<li>ok</li>`]}</ul>`.html).toBe('<ul>&lt;a&gt;<li>ok</li></ul>');
  });

  it('finds search words whatever their diacritics, at the text\'s own offsets, whole words only', () => {
    const text = 'Tỉnh ĐIỆN BIÊN giải ngân; Điện Biên Đông và điệnbiên';
    const found = termMarks(text, 'dien bien').map((m) => text.slice(m.start, m.end));
    expect(found).toEqual(['ĐIỆN', 'BIÊN', 'Điện', 'Biên']);
    // Decomposed (NFD) letters keep their offsets too.
    const nfd = 'giải ngân'.normalize('NFD');
    expect(termMarks(nfd, 'ngan').map((m) => nfd.slice(m.start, m.end))).toEqual(['ngân'.normalize('NFD')]);
  });

  it('marks overlapping spans over escaped text', () => {
    const text = 'a <b> 275 tỷ đồng <script>';
    const out = marked(text, [
      { start: 2, end: 17, cls: 'sentence' },
      { start: 6, end: 17, cls: 'figure' },
    ]).html;
    expect(out).toBe('a <mark class="sentence">&lt;b&gt; </mark><mark class="sentence figure">275 tỷ đồng</mark> &lt;script&gt;');
  });
});
