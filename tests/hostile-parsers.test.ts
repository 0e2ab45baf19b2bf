// The parser-level guards behind the hostile suite, in process: format detection, inflate budgets,
// decoding decided by the bytes, running heads kept unless they repeat.
import { describe, it, expect } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { detectFormat } from '../src/parsers/detect.ts';
import { inflateWithin, InflateBudgetError } from '../src/parsers/inflate.ts';
import { decodeText } from '../src/text/decode.ts';
import { decodeVni, encodeVni } from '../src/text/legacy.ts';
import { readHtmlText } from '../src/parsers/html.ts';
import { encodeCp1258 } from '../scripts/fixture-kit.ts';
import { SENTENCE, pdfPages } from './hostile-cases.ts';

describe('detectFormat', () => {
  it('takes a text mentioning %PDF- in its first KB for text, a real header (even after junk) for PDF', () => {
    expect(detectFormat(Buffer.from(`Tệp có "%PDF-1.7" ở đầu.\n${SENTENCE}`), 'a.txt')).toBe('txt');
    const pdf = pdfPages([['Giai ngan 5 ty dong.']]);
    expect(detectFormat(pdf, 'a.pdf')).toBe('pdf');
    expect(detectFormat(Buffer.concat([Buffer.from('junk before the header\n'), pdf]), 'b.pdf')).toBe('pdf');
  });
});

describe('inflateWithin', () => {
  it('stops a bomb at the budget and keeps nothing when only counting', async () => {
    const bomb = deflateRawSync(Buffer.alloc(64 * 2 ** 20));
    await expect(inflateWithin(bomb, { format: 'raw', maxBytes: 2 ** 20, keep: false })).rejects.toBeInstanceOf(InflateBudgetError);
    expect(await inflateWithin(bomb, { format: 'raw', maxBytes: 64 * 2 ** 20, keep: false })).toEqual({ size: 64 * 2 ** 20, data: null });
  });
});

describe('decoding decided by the bytes', () => {
  it('reads a file mixing UTF-8 and Windows-1258 line by line, and says so', () => {
    const legacy = 'Tỉnh Lai Châu đã giải ngân 298.764 triệu đồng.';
    const out = decodeText(Buffer.concat([Buffer.from(`${SENTENCE}\n`), encodeCp1258(`${legacy}\n`), Buffer.from(SENTENCE)]));
    expect(out.text).toBe(`${SENTENCE}\n${legacy}\n${SENTENCE}`);
    expect(out.warnings).toEqual(['mixed encodings: 2 lines read as UTF-8 and 1 as windows-1258, line by line']);
  });

  it('trusts UTF-8 bytes over a meta charset that says otherwise, and says so', () => {
    const page = Buffer.from(`<html><head><meta charset="iso-8859-1"></head><body><p>${SENTENCE}</p></body></html>`);
    const out = readHtmlText(page);
    expect(out.text).toContain(SENTENCE);
    expect(out.warnings).toEqual(['the page declares charset iso-8859-1 but its bytes are UTF-8: read as UTF-8']);
  });

  it('reads UTF-8-declared legacy bytes as the legacy encoding they are', () => {
    const page = Buffer.concat([Buffer.from('<html><head><meta charset="utf-8"></head><body><p>'), encodeCp1258(SENTENCE), Buffer.from('</p></body></html>')]);
    const out = readHtmlText(page);
    expect(out.text).toContain(SENTENCE);
    expect(out.warnings).toEqual(['the page declares charset utf-8 but its bytes are not UTF-8: read as windows-1258']);
  });

  it('VNI decoding (now linear) reads back what was encoded', () => {
    expect(decodeVni(encodeVni(SENTENCE))).toBe(SENTENCE);
  });
});
