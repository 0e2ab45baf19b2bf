// The whole job for one input: source -> parser -> extractor, giving the contract's JSON.
import type { ExtractOutput } from './contract/schema.ts';
import { readSource } from './sources/read.ts';
import type { FetchOptions } from './sources/url.ts';
import { parseDocument } from './parsers/index.ts';
import { extractDocument } from './extract/document.ts';

/** A file path, an http(s) URL, or '-' for standard input. */
export async function extractFile(path: string, fetchOptions: FetchOptions = {}): Promise<ExtractOutput> {
  const src = await readSource(path, fetchOptions);
  const parsed = await parseDocument(src.bytes, src.name);
  return extractDocument(parsed, src.sha256);
}
