// The folded copy used for matching: variants fold alike, and every offset maps back.
import { describe, it, expect } from 'vitest';
import { fold, foldPhrase, toOriginal } from '../src/text/fold.ts';
import { sentenceSpans } from '../src/text/sentences.ts';
import { decodeText } from '../src/text/decode.ts';

describe('fold', () => {
  it('folds tone placement, case, NFD, NBSP and zero-width characters alike', () => {
    expect(foldPhrase('Hoà Bình')).toBe(foldPhrase('hòa bình'));
    expect(foldPhrase('Uỷ ban')).toBe(foldPhrase('ủy ban'));
    expect(foldPhrase('Điện Biên'.normalize('NFD'))).toBe(foldPhrase('điện biên'));
    expect(foldPhrase('275\u00a0triệu')).toBe(foldPhrase('275 triệu'));
    expect(foldPhrase('2\u200b75 triệu')).toBe(foldPhrase('275 triệu'));
    expect(foldPhrase('tỷ')).not.toBe(foldPhrase('tý'));
    expect(foldPhrase(foldPhrase('Điện Biên'))).toBe(foldPhrase('Điện Biên'));
  });

  it('moves a tone only at the end of a syllable, turns every space kind into one, on both paths', () => {
    // "hòa" ends its syllable; "hòan" would not (no such word, but the rule must not touch it).
    expect(fold('Hòa hòan Thủy thủyền').text).toBe('hoà hòan thuỷ thủyền');
    expect(fold('a\u00a0b\u2007c\u3000d\te\u1680f').text).toBe('a b c d e f');
    // A zero-width space sends the text down the composing path: the same folding there.
    const fast = fold('Hòa Bình\u00a0thủy lợi').text;
    expect(fold('Hòa Bình\u00a0thủy\u200b lợi').text).toBe(fast);
    expect(fold('Hòa Bình\u00a0thủy lợi'.normalize('NFD')).text).toBe(fast);
    expect(fold('Hòa').map).toBeNull();
  });

  it('maps folded spans back to the original text', () => {
    const text = 'Tỉnh Hoà Bình giải\u00a0ngân 2\u200b75 triệu đồng.';
    const f = fold(text);
    const at = f.text.indexOf('275');
    const [s, e] = toOriginal(f, at, at + 3);
    expect(text.slice(s, e)).toBe('2\u200b75');
    expect(f.map!.length).toBe(f.text.length + 1);
  });
});

describe('decode', () => {
  it('reads UTF-8 with and without BOM and UTF-16 with BOM, then NFC', () => {
    const s = 'giải ngân 16,61%';
    const utf8 = new TextEncoder().encode(s.normalize('NFD'));
    expect(decodeText(utf8).text).toBe(s);
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])).text).toBe(s);
    const le = Buffer.from('\ufeff' + s, 'utf16le');
    expect(decodeText(le).text).toBe(s);
  });
});

describe('sentences', () => {
  it('splits on line breaks and sentence ends, not inside numbers or abbreviations', () => {
    const text = 'Giải ngân 1.657.869 triệu đồng. TP. Điện Biên Phủ đạt 16,61%.\nDòng mới';
    const spans = sentenceSpans(text, ['TP.']).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(['Giải ngân 1.657.869 triệu đồng.', 'TP. Điện Biên Phủ đạt 16,61%.', 'Dòng mới']);
  });
});
