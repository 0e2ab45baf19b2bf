// PDF -> ParsedDocument with pdf-parse 2.x (pdf.js): data only (never a URL), eval off, system
// fonts off, at most MAX_PAGES pages. Text items come per page; ./pdf-layout.ts makes blocks.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { ParsedDocument } from '../contract/parsed.ts';
import { InputError } from '../contract/errors.ts';
import { TextBuilder, oneLine } from './builder.ts';
import { importModule } from '../sandbox/lent-import.ts';
import { layoutPages, type PdfPage } from './pdf-layout.ts';
import { checkStreams } from './pdf-streams.ts';
import { MAX_OCR_PAGES, ocrAvailable, ocrPages } from './ocr.ts';

export const MAX_PAGES = 300;
/** Pixels pdf.js may decode for one image (a 600 dpi A3 scan is ~70 M). */
const MAX_IMAGE_PIXELS = 100_000_000;
/** Separates pdf.js text items in pdf-parse's page text, so markers and cells stay apart. */
const ITEM = '\u0001';

/** pdf.js runs its worker half in this thread ("fake worker") from globalThis.pdfjsWorker. The
 *  sandbox worker of a checkout loads it before tsx's hooks (src/sandbox/worker.js); otherwise it
 *  is loaded here, on the first PDF. pdfjs-dist is found from pdf-parse: its own version. */
async function loadPdfjsWorker(): Promise<void> {
  const g = globalThis as { pdfjsWorker?: unknown };
  if (g.pdfjsWorker) return;
  const fromPdfParse = createRequire(createRequire(import.meta.url).resolve('pdf-parse'));
  g.pdfjsWorker = await importModule(pathToFileURL(fromPdfParse.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href);
}

export async function parsePdf(bytes: Uint8Array, name: string, onSlowStep?: (ms: number) => void): Promise<ParsedDocument> {
  // A file cut short loses its trailer; pdf.js would quietly rebuild what it could.
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  if (!tail.includes('%%EOF')) throw new InputError(name, 'PDF: truncated file (no %%EOF trailer)');
  try {
    await checkStreams(bytes);
  } catch (e) {
    throw new InputError(name, `PDF: ${(e as Error).message}`);
  }
  await loadPdfjsWorker();
  // Imported here, as an ES module wherever this runs: in the build's worker this code is part of a
  // CommonJS script (../sandbox/script.ts), where a static import would be require(), which takes
  // pdf-parse's CommonJS build with a pdf.js of its own.
  const { PDFParse } = await importModule<typeof import('pdf-parse')>('pdf-parse');
  const parser = new PDFParse({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    enableXfa: false,
    maxImageSize: MAX_IMAGE_PIXELS,
    verbosity: 0,
  });
  try {
    const info = await parser.getInfo();
    const pages = Math.min(info.total, MAX_PAGES);
    const warnings: string[] = [];
    if (info.total > MAX_PAGES) {
      warnings.push(`PDF has ${info.total} pages; only the first ${MAX_PAGES} were read (${info.total - MAX_PAGES} dropped): split the file to read the rest`);
    }
    const text = await parser.getText({ first: pages, pageJoiner: '', itemJoiner: ITEM });
    const tables = await parser.getTable({ first: pages });
    const tablesOf = new Map(tables.pages.map((p) => [p.num, p.tables]));
    const input: PdfPage[] = text.pages.map((p) => ({
      num: p.num,
      lines: p.text.normalize('NFC').split('\n').map((l) => l.split(ITEM).filter((s) => s !== '')),
      tables: tablesOf.get(p.num) ?? [],
    }));
    let builder = new TextBuilder();
    warnings.push(...layoutPages(input, builder));
    const title = typeof info.info?.Title === 'string' ? oneLine(info.info.Title) || null : null;
    let ocr = false;
    if (builder.text.trim() === '') {
      builder = await ocrDocument(bytes, name, info.total, warnings, onSlowStep);
      ocr = true;
    }
    return {
      format: 'pdf',
      title,
      published: null,
      text: builder.text,
      blocks: builder.blocks,
      ...(warnings.length ? { warnings } : {}),
      ...(ocr ? { ocr } : {}),
    };
  } catch (e) {
    if (e instanceof InputError) throw e;
    const err = e as Error;
    if (err?.name === 'PasswordException') throw new InputError(name, 'PDF: encrypted (password required)');
    throw new InputError(name, `PDF: corrupt or unreadable (${oneLine(String(err?.message ?? e)).slice(0, 120)})`);
  } finally {
    await parser.destroy();
  }
}

/** A PDF with no text layer (a scan): its pages read by OCR, laid out like text pages. */
async function ocrDocument(bytes: Uint8Array, name: string, total: number, warnings: string[], onSlowStep?: (ms: number) => void): Promise<TextBuilder> {
  if (!(await ocrAvailable())) {
    throw new InputError(name, 'PDF: no text layer (a scanned document): install tesseract-ocr, tesseract-ocr-vie and poppler-utils to read it by OCR');
  }
  const pages = Math.min(total, MAX_OCR_PAGES);
  let texts: string[];
  try {
    texts = await ocrPages(bytes, pages, onSlowStep);
  } catch (e) {
    throw new InputError(name, `PDF: no text layer, and OCR failed (${oneLine(String((e as Error).message ?? e)).slice(0, 120)})`);
  }
  const builder = new TextBuilder();
  const input = texts.map((text, i) => ({ num: i + 1, lines: text.split('\n').map((l) => [l]), tables: [] }));
  warnings.push(...layoutPages(input, builder));
  if (builder.text.trim() === '') throw new InputError(name, 'PDF: no text layer, and OCR found no text in it');
  warnings.unshift(`no text layer: ${pages} page${pages > 1 ? 's' : ''} read by OCR (Tesseract, Vietnamese); check its figures against the scan`);
  if (total > pages) warnings.push(`OCR read the first ${pages} of ${total} pages (${total - pages} dropped): split the file to read the rest`);
  return builder;
}
