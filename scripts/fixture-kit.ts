// Writers for hand-made fixtures: a minimal zip (hostile DOCX files need sizes and entries no
// library would write), a minimal DOCX, a PDF from its objects, Windows-1258 text. Used by
// scripts/make-fixtures.ts and by the tests that generate hostile files at test time.
import { deflateRawSync, crc32 } from 'node:zlib';
import iconv from 'iconv-lite';

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Declared uncompressed size, when a test needs it to lie. */
  declaredSize?: number;
}

export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = deflateRawSync(e.data, { level: 9 });
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

export const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
export const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
export const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
export const para = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;
export const documentXml = (inner: string, extraNs = '') =>
  `<?xml version="1.0" encoding="UTF-8"?><w:document ${W} ${extraNs}><w:body>${inner}</w:body></w:document>`;

export function minimalDocx(documentXmlText: string | Buffer, docRels?: string | Buffer, declaredSize?: number): Buffer {
  const entries: ZipEntry[] = [
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(ROOT_RELS) },
    { name: 'word/document.xml', data: typeof documentXmlText === 'string' ? Buffer.from(documentXmlText) : documentXmlText, declaredSize },
  ];
  if (docRels) entries.push({ name: 'word/_rels/document.xml.rels', data: typeof docRels === 'string' ? Buffer.from(docRels) : docRels });
  return zip(entries);
}

export function pdfOf(objects: string[]): Buffer {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export const stream = (s: string) => `<< /Length ${s.length} >>\nstream\n${s}\nendstream`;

/** Windows-1258 keeps â ă ê ô ơ ư đ precomposed and writes tones as combining marks. */
export function encodeCp1258(text: string): Buffer {
  const split = text.normalize('NFD').replace(/([a-zA-Z])([\u0300-\u036f]+)/g, (_, base: string, marks: string) => {
    const shape = /[\u0302\u0306\u031b]/.exec(marks)?.[0] ?? '';
    return (base + shape).normalize('NFC') + marks.replace(shape, '');
  });
  return iconv.encode(split, 'windows-1258');
}


/** Width, height and colour components of a baseline or progressive JPEG, from its frame header. */
function jpegSize(jpeg: Buffer): { width: number; height: number; components: number } {
  for (let p = 2; p + 9 < jpeg.length; p += 2 + jpeg.readUInt16BE(p + 2)) {
    const marker = jpeg[p + 1];
    if (marker >= 0xc0 && marker <= 0xc3) return { height: jpeg.readUInt16BE(p + 5), width: jpeg.readUInt16BE(p + 7), components: jpeg[p + 9] };
  }
  throw new Error('not a JPEG (no frame header)');
}

/** A PDF of one A4 page per JPEG: a scan, with no text layer. */
export function scanPdf(jpegs: Buffer[]): Buffer {
  const n = jpegs.length;
  const kids = jpegs.map((_, i) => `${3 + 3 * i} 0 R`).join(' ');
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count ${n} >>`];
  jpegs.forEach((jpeg, i) => {
    const { width, height, components } = jpegSize(jpeg);
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${4 + 3 * i} 0 R /Resources << /XObject << /Im0 ${5 + 3 * i} 0 R >> >> >>`);
    objects.push(stream('q 595 0 0 842 0 0 cm /Im0 Do Q'));
    const data = jpeg.toString('latin1');
    objects.push(`<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /${components === 1 ? 'DeviceGray' : 'DeviceRGB'} /BitsPerComponent 8 /Filter /DCTDecode /Length ${data.length} >>\nstream\n${data}\nendstream`);
  });
  return pdfOf(objects);
}
