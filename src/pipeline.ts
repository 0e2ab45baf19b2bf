// The whole job for one input: source -> parser -> extractor, giving the contract's JSON.
import type { ExtractOutput } from './contract/schema.ts';
import { readSourceFile } from './sources/file.ts';
import { fetchSource, isUrl, type FetchOptions } from './sources/url.ts';
import { parseDocument } from './parsers/index.ts';
import { extractDocument } from './extract/document.ts';

/** A file path or an http(s) URL. */
export async function extractFile(path: string, fetchOptions: FetchOptions = {}): Promise<ExtractOutput> {
  const src = isUrl(path) ? await fetchSource(path, fetchOptions) : readSourceFile(path);
  const parsed = await parseDocument(src.bytes, src.name);
  return extractDocument(parsed, src.sha256);
}
