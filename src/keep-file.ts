// What a build keeps beside its code for the next process (compiled patterns, V8's code cache):
// written whole or not at all, and only where it can be written.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes `make()` to `file` through a temporary file renamed into place, so a process reading it
 * meanwhile sees the old file or the new one. Where nothing can be written (a build installed
 * read-only) it returns at once, before `make` or `check` run: the caller makes its value again
 * next time. `check` may refuse what was made (it throws: the code's fault, said); a failed write
 * (a full disk) keeps nothing and says nothing.
 */
export function keepFile<D extends string | Uint8Array>(file: string, make: () => D, check?: (data: D) => void): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  let fd: number;
  try {
    mkdirSync(dirname(file), { recursive: true });
    fd = openSync(tmp, 'w');
  } catch {
    return;
  }
  let data: D;
  try {
    data = make();
    check?.(data);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  try {
    try {
      writeFileSync(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}
