// DOCX -> ParsedDocument: the zip is checked first (zip.ts), then mammoth renders it as HTML
// (external file access off, images never read) and the HTML is walked into blocks. Locators:
// paragraph number, table/row/column, footnote number.
import mammoth from 'mammoth';
import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import type { ParsedDocument } from '../contract/parsed.ts';
import { InputError } from '../contract/errors.ts';
import { TextBuilder, oneLine } from './builder.ts';
import { domToBlocks } from './dom-blocks.ts';
import { zipEntries, readEntry, ZipError } from './zip.ts';

/** Inflated size allowed for any one entry of the package (a 400-page report's document.xml is ~20 MB). */
export const MAX_PART_BYTES = 64 * 2 ** 20;
/** Inflated size allowed for the whole package. */
export const MAX_PACKAGE_BYTES = 160 * 2 ** 20;

/**
 * Refuses a DOCX whose parts are missing or inflate past the caps; returns its core title. Every
 * entry is measured (relationships, styles and media too, not only word/*.xml): mammoth's zip
 * reader inflates whatever it opens with no limit of its own.
 */
async function checkPackage(bytes: Uint8Array): Promise<{ title: string | null }> {
  const entries = zipEntries(bytes);
  if (!entries.some((e) => e.name === 'word/document.xml')) throw new ZipError('a zip archive without word/document.xml (not a Word document)');
  let total = 0;
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    total += (await readEntry(bytes, e, MAX_PART_BYTES, false)).size;
    if (total > MAX_PACKAGE_BYTES) throw new ZipError(`the package inflates to more than ${MAX_PACKAGE_BYTES / 2 ** 20} MB (zip bomb?)`);
  }
  const core = entries.find((e) => e.name === 'docProps/core.xml');
  const xml = core ? (await readEntry(bytes, core, 1 * 2 ** 20)).data!.toString('utf8') : '';
  const title = /<dc:title>([^<]*)<\/dc:title>/.exec(xml)?.[1];
  return { title: title ? oneLine(decodeXmlEntities(title)) || null : null };
}

function decodeXmlEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
}

export async function parseDocx(bytes: Uint8Array, name: string): Promise<ParsedDocument> {
  let core: { title: string | null };
  try {
    core = await checkPackage(bytes);
  } catch (e) {
    if (e instanceof ZipError) throw new InputError(name, `DOCX: ${e.message}`);
    throw e;
  }
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      {
        externalFileAccess: false,
        // Images carry no figures: never read them (a linked image could point at a local file).
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    html = result.value;
  } catch (e) {
    throw new InputError(name, `DOCX: corrupt document (${oneLine(String((e as Error).message ?? e)).slice(0, 120)})`);
  }
  const $ = cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } });
  const root = $.root()[0] as unknown as Element;
  const builder = new TextBuilder();
  domToBlocks(root, builder, { style: 'docx' });
  if (builder.text === '') throw new InputError(name, 'DOCX: no text in the document');
  const firstHeading = builder.blocks.find((b) => b.kind === 'heading');
  const title = core.title ?? (firstHeading ? builder.text.slice(firstHeading.start, firstHeading.end) : null);
  return { format: 'docx', title, published: null, text: builder.text, blocks: builder.blocks };
}
