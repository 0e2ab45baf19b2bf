// One input as a user names it: an http(s) URL, '-' for standard input, or a file path.
import { InputError } from '../contract/errors.ts';
import { MAX_INPUT_BYTES, readSourceFile, sha256Hex, type SourceFile } from './file.ts';
import type { FetchOptions } from './url.ts';

/** The argument that means "read standard input". */
export const STDIN = '-';

export function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

export async function readSource(input: string, fetchOptions: FetchOptions = {}): Promise<SourceFile> {
  if (input === STDIN) return readStdin();
  // The fetcher (node:http, node:https: ~10 ms to load) only for a URL.
  return isUrl(input) ? (await import('./url.ts')).fetchSource(input, fetchOptions) : readSourceFile(input);
}

/** Standard input with the file size cap. Its name is "stdin" (format is detected from the bytes). */
async function readStdin(): Promise<SourceFile> {
  if (process.stdin.isTTY) throw new InputError('stdin', 'is a terminal; pipe a document in (solieu extract - < report.txt)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > MAX_INPUT_BYTES) throw new InputError('stdin', `input is over the ${MAX_INPUT_BYTES}-byte limit`);
    chunks.push(chunk);
  }
  if (size === 0) throw new InputError('stdin', 'no input (0 bytes)');
  const bytes = Buffer.concat(chunks);
  return { name: 'stdin', bytes, sha256: sha256Hex(bytes) };
}
