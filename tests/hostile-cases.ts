// Hostile documents generated at test time (none is committed): each is small to make and large
// or malformed in the way that once stalled, crashed or silently lost part of a batch.
import { deflateSync, constants } from 'node:zlib';
import { encodeVni } from '../src/text/legacy.ts';
import { minimalDocx, para, documentXml, pdfOf, stream, encodeCp1258 } from '../scripts/fixture-kit.ts';

export const SENTENCE = 'Năm 2023, huyện Mường Tè đã giải ngân 12.345 triệu đồng vốn Chương trình MTQG giảm nghèo bền vững, đạt 85,2% kế hoạch.';

/** `text` repeated (joined by `sep`) until it reaches `bytes` bytes of UTF-8. */
function repeatTo(text: string, bytes: number, sep: string): string {
  const unit = Buffer.byteLength(text + sep);
  return Array.from({ length: Math.ceil(bytes / unit) }, () => text).join(sep);
}

/** Report prose on one line, no line break anywhere. */
export const oneLineProse = (bytes: number) => Buffer.from(repeatTo(SENTENCE, bytes, ' '));

/** VNI-Windows bytes of report prose, in lines. */
export const vniText = (bytes: number) => encodeVni(repeatTo(SENTENCE, bytes, '\n'));

/** `n` footnote references ("…đồng[17]") and their bodies at the end. */
export function footnoteRefs(n: number): Buffer {
  const refs = Array.from({ length: n }, (_, i) => `Xã số ${i} giải ngân ${i % 900 + 10} triệu đồng[${(i % 999) + 1}].`).join(' ');
  const bodies = Array.from({ length: 999 }, (_, i) => `[${i + 1}] Trong đó vốn đầu tư phát triển ${i + 1} triệu đồng.`).join('\n');
  return Buffer.from(`${refs}\n${bodies}\n`);
}

/** One letter carrying `bytes`/2 combining acute accents, then a real figure. */
export const combiningMarks = (bytes: number) => Buffer.from(`a${'\u0301'.repeat(bytes / 2)} ${SENTENCE}\n`);

/** `bytes` of zero-width spaces, then a real figure. */
export const zeroWidth = (bytes: number) => Buffer.from(`${'\u200b'.repeat(Math.floor(bytes / 3))}${SENTENCE}\n`);

/** One sentence of `n` amounts joined by commas (a list no full stop breaks). */
export const longList = (n: number) => Buffer.from(`${Array.from({ length: n }, (_, i) => `xã ${i % 97} giải ngân ${(i % 900) + 10} tỷ đồng`).join(', ')}.\n`);

/** A tab-separated table of `rows` rows, one amount each. */
export function textTable(rows: number): Buffer {
  const body = Array.from({ length: rows }, (_, i) => `Xã ${i + 1}\t${(i % 900) + 100}.${String(i % 1000).padStart(3, '0')}`);
  return Buffer.from(`Đơn vị\tVốn giải ngân (triệu đồng)\n${body.join('\n')}\n`);
}

/** A DOCX whose relationships part inflates to `mb` MB (document.xml itself is small). */
export function relsBombDocx(mb: number): Buffer {
  const rels = Buffer.alloc(mb * 2 ** 20, 0x20);
  Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">').copy(rels);
  return minimalDocx(documentXml(para('Huyện đã giải ngân 1.250 triệu đồng.')), rels);
}

/** A zlib stream of `gb` GB of zeros, made without holding them: one flushed 1 MB block repeated. */
function zlibBomb(gb: number): Buffer {
  const mb = Buffer.alloc(2 ** 20);
  const first = deflateSync(mb, { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH });
  const block = first.subarray(2); // the 2-byte zlib header comes once
  return Buffer.concat([first.subarray(0, 2), ...Array.from({ length: gb * 1024 }, () => block)]);
}

/** A one-page PDF whose content stream is a FlateDecode bomb of `gb` GB. */
export function flateBombPdf(gb: number): Buffer {
  const data = zlibBomb(gb).toString('latin1');
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n${data}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}

/** A PDF whose pages each hold the given lines (ASCII text, Helvetica), one text line per entry. */
export function pdfPages(pages: string[][]): Buffer {
  const n = pages.length;
  const kids = pages.map((_, i) => `${3 + 2 * i} 0 R`).join(' ');
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count ${n} >>`];
  const font = 3 + 2 * n;
  pages.forEach((lines, i) => {
    const ops = lines.map((l, k) => `BT /F1 11 Tf 72 ${740 - 16 * k} Td (${l.replace(/[()\\]/g, '\\$&')}) Tj ET`).join('\n');
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${4 + 2 * i} 0 R /Resources << /Font << /F1 ${font} 0 R >> >> >>`);
    objects.push(stream(ops));
  });
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  return pdfOf(objects);
}

/** An HTML page whose meta charset says windows-1258 while its bytes are UTF-8. */
export const lyingCharsetHtml = () =>
  Buffer.from(`<!doctype html><html><head><meta charset="windows-1258"><title>Tin</title></head><body><article><p>${SENTENCE}</p></article></body></html>`);

/** Lines of UTF-8 and lines of Windows-1258 in one file. */
export const mixedEncodings = () =>
  Buffer.concat([Buffer.from(`${SENTENCE}\n`), encodeCp1258('Tỉnh Lai Châu đã giải ngân 298.764 triệu đồng, đạt 72,4% kế hoạch.\n'), Buffer.from(`${SENTENCE}\n`)]);

/** Plain text that mentions a PDF header in its first kilobyte. */
export const mentionsPdfHeader = () => Buffer.from(`Tệp đính kèm có chữ ký "%PDF-1.7" ở đầu.\n${SENTENCE}\n`);

