// The whole job for one input: source -> parser -> extractor (in the sandbox), giving the contract's JSON.
import type { ExtractOutput } from './contract/schema.ts';
import { readSourceFile } from './sources/file.ts';
import { fetchSource, isUrl, type FetchOptions } from './sources/url.ts';
import { extractInSandbox } from './sandbox/index.ts';

/** A file path or an http(s) URL. */
export async function extractFile(path: string, fetchOptions: FetchOptions = {}): Promise<ExtractOutput> {
  const src = isUrl(path) ? await fetchSource(path, fetchOptions) : readSourceFile(path);
  return extractInSandbox(src.bytes, src.name, src.sha256);
}
