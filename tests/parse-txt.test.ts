// Plain text: legacy encodings converted, text left as the file, tables and footnotes as blocks.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTxt } from '../src/parsers/txt.ts';
import { decodeText } from '../src/text/decode.ts';
import { decodeVni, encodeVni, vietnameseScore } from '../src/text/legacy.ts';
import { InputError } from '../src/contract/errors.ts';

const ROOT = join(import.meta.dirname, '..');
const LEGACY = join(ROOT, 'corpus/fixtures/legacy');
const F01 = join(ROOT, 'corpus/passages/f01_bao_cao_gnbv_lai_chau.txt');
const expected = readFileSync(join(LEGACY, 'expected.txt'), 'utf8');

describe('legacy encodings', () => {
  it.each([
    ['vni.txt', 'vni'],
    ['tcvn3.txt', 'tcvn3'],
    ['windows-1258.txt', 'windows-1258'],
    ['utf-16le.txt', 'utf-16le'],
  ])('%s is detected as %s and converted to the same Unicode text', (file, encoding) => {
    const d = decodeText(readFileSync(join(LEGACY, file)));
    expect(d.encoding).toBe(encoding);
    expect(d.text).toBe(expected);
  });

  it('reads UTF-16 without a byte order mark', () => {
    const d = decodeText(Buffer.from(expected, 'utf16le'));
    expect(d).toEqual({ text: expected, encoding: 'utf-16le' });
  });

  it('VNI round-trips upper and lower case marks', () => {
    const s = 'ĐIỆN BIÊN: Ưu tiên người nghèo, Ở ỞỠỢ ẵẳ';
    expect(decodeVni(encodeVni(s))).toBe(s);
  });

  it('refuses 8-bit text that reads as no Vietnamese encoding, naming those tried', () => {
    const greek = Buffer.from([0xc1, 0xe8, 0xed, 0xe1, 0x20, 0xf4, 0xe5, 0xf3, 0xf4, 0x20, 0xe1, 0xe2, 0xe3, 0x0a]);
    expect(() => parseTxt(greek, 'x.txt')).toThrow('x.txt: text in an unrecognised encoding (not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI)');
  });

  it('scores a right reading above a wrong one', () => {
    expect(vietnameseScore(expected)).toBeGreaterThan(10);
    expect(vietnameseScore(readFileSync(join(LEGACY, 'vni.txt')).toString('latin1'))).toBeLessThan(0);
  });
});

describe('parseTxt', () => {
  const bytes = readFileSync(F01);
  const doc = parseTxt(bytes, 'f01.txt');

  it('keeps the text exactly as the file (NFC)', () => {
    expect(doc.text).toBe(bytes.toString('utf8').normalize('NFC'));
  });

  it('describes a tab-separated table as cells with row label and column header', () => {
    const cell = doc.blocks.find((b) => b.kind === 'table-cell' && doc.text.slice(b.start, b.end) === '109.230')!;
    expect(cell).toMatchObject({ rowLabel: 'Mường Tè', colHeader: 'Giải ngân (triệu đồng)', locator: { table: 1, row: 2, col: 3 } });
    const header = doc.blocks.find((b) => b.kind === 'table-cell' && b.locator.row === 1 && b.locator.col === 2)!;
    expect(doc.text.slice(header.start, header.end)).toBe('Kế hoạch vốn (triệu đồng)');
  });

  it('links "[N: …]" footnotes to their "[footnoteRef:N]" marker', () => {
    const notes = doc.blocks.filter((b) => b.kind === 'footnote');
    expect(notes.map((b) => b.footnote)).toEqual([1, 2]);
    expect(doc.text.slice(notes[0].refAt! - 18, notes[0].refAt!)).toBe('412.650 triệu đồng');
    expect(doc.text.slice(notes[1].start, notes[1].end)).toMatch(/^Trong đó: huyện Mường Tè .*54\.695 triệu đồng\.$/);
  });

  it('refuses binary data and empty text with one-line reasons', () => {
    expect(() => parseTxt(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00]), 'a.txt')).toThrow(
      new InputError('a.txt', 'not a text document (binary data)'),
    );
    expect(() => parseTxt(Buffer.from(' \n\t\n'), 'b.txt')).toThrow('b.txt: no text in the file');
  });
});
