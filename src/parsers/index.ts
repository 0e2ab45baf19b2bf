// Entry point for parsing. PDF, DOCX and HTML are parsed in the resource-limited sandbox worker.
// Plain text, already size-capped by the source reader and with no archive or layout to blow up,
// is parsed in this thread by the same dispatcher the worker runs: a worker costs ~150 ms of
// start-up, more than a whole text article's extraction.
import { ParsedDocumentSchema, type ParsedDocument } from '../contract/parsed.ts';
import { parseInSandbox, type SandboxLimits } from './sandbox.ts';
import { detectFormat } from './detect.ts';
import { parseTxt } from './txt.ts';

export type { SandboxLimits } from './sandbox.ts';
export { DEFAULT_LIMITS } from './sandbox.ts';

export async function parseDocument(bytes: Uint8Array, name: string, limits?: SandboxLimits): Promise<ParsedDocument> {
  if (detectFormat(bytes, name) !== 'txt') return parseInSandbox(bytes, name, limits);
  // Imported statically: a dynamic import per document costs more than parsing an article.
  return ParsedDocumentSchema.parse(await parseTxt(bytes, name));
}
