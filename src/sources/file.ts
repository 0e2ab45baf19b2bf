// Reads one input file from disk, refusing what cannot be a document before any parser sees it.
import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { InputError } from '../contract/errors.ts';

/** Largest input accepted (a 98k-character report is ~130 KB; scanned PDFs run to a few MB). */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

export interface SourceFile {
  name: string;
  bytes: Uint8Array;
  sha256: string;
}

export function readSourceFile(path: string): SourceFile {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError(path, 'is a folder, not a file');
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(path, code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(e)})`);
  }
  if (size === 0) throw new InputError(path, 'file is empty (0 bytes)');
  if (size > MAX_INPUT_BYTES) throw new InputError(path, `file is ${size} bytes, over the ${MAX_INPUT_BYTES}-byte limit`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(path, `cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return { name: path, bytes, sha256: sha256Hex(bytes) };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
