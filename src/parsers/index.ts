// Picks the parser for a document. (Issue 3 replaces the plain-text-only body: DOCX, PDF, HTML,
// legacy encodings, and parsing inside a resource-limited worker.)
import type { ParsedDocument } from '../contract/parsed.ts';
import { InputError } from '../contract/errors.ts';
import { decodeText } from '../text/decode.ts';

export async function parseDocument(bytes: Uint8Array, name: string): Promise<ParsedDocument> {
  let text: string;
  try {
    text = decodeText(bytes).text;
  } catch {
    throw new InputError(name, 'not valid UTF-8 or UTF-16 text');
  }
  if (text.trim() === '') throw new InputError(name, 'no text in the file');
  return { format: 'txt', title: null, published: null, text, blocks: [] };
}
