// Parsing for bulk ingest. PDF, DOCX and HTML go through the parsers' sandbox worker (hostile
// files end as one-line errors). Plain text, size-capped by the source reader and with no
// archive or layout to blow up, is parsed in this thread by the same dispatcher the worker
// runs: a worker per document costs ~150 ms of start-up, more than a whole text article's ingest.
import { ParsedDocumentSchema, type ParsedDocument } from '../contract/parsed.ts';
import { parseDocument } from '../parsers/index.ts';
import { detectFormat } from '../parsers/detect.ts';
import { parseInProcess } from '../parsers/dispatch.ts';

export async function parseForIngest(bytes: Uint8Array, name: string): Promise<ParsedDocument> {
  if (detectFormat(bytes, name) !== 'txt') return parseDocument(bytes, name);
  return ParsedDocumentSchema.parse(await parseInProcess(bytes, name));
}
