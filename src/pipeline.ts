// The whole job for one input: source -> parser -> extractor (in the sandbox), giving the contract's JSON.
import type { ExtractOutput } from './contract/schema.ts';
import { readSource } from './sources/read.ts';
import type { FetchOptions } from './sources/url.ts';
import { extractInSandbox, extractJsonInSandbox } from './sandbox/index.ts';

/** A file path, an http(s) URL, or '-' for standard input; `origin`: the address a saved file was published at. */
export async function extractFile(path: string, fetchOptions: FetchOptions = {}, origin?: string): Promise<ExtractOutput> {
  const src = await readSource(path, fetchOptions);
  return extractInSandbox(src.bytes, src.name, src.sha256, undefined, origin);
}

/** The same as contract JSON in UTF-8 chunks (compact, or indented with `pretty`), and the warnings. */
export async function extractFileJson(path: string, pretty: boolean, fetchOptions: FetchOptions = {}): Promise<{ json: Uint8Array[]; warnings: string[] }> {
  const src = await readSource(path, fetchOptions);
  return extractJsonInSandbox(src.bytes, src.name, src.sha256, pretty);
}
