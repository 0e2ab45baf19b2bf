// The whole job for one input: source -> parser -> extractor (in the sandbox), giving the contract's JSON.
import type { ExtractOutput } from './contract/schema.ts';
import { readSource } from './sources/read.ts';
import type { FetchOptions } from './sources/url.ts';
import { extractInSandbox } from './sandbox/index.ts';

/** A file path, an http(s) URL, or '-' for standard input; `origin`: the address a saved file was published at. */
export async function extractFile(path: string, fetchOptions: FetchOptions = {}, origin?: string): Promise<ExtractOutput> {
  const src = await readSource(path, fetchOptions);
  return extractInSandbox(src.bytes, src.name, src.sha256, undefined, origin);
}
