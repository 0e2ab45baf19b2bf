// Runs a CommonJS script (the build's bundle of the worker's job code, scripts/build.mjs) from
// V8's code cache kept beside it: compiling the bundle and then, on first use, each function the
// extractor calls took a third of a worker's start (~70 ms to load, ~20 ms more in the warm-up);
// from the cache the bytecode is read back instead. ES modules take no code cache on Node 20,
// hence a script. A script read from the cache has no import() on Node 20 ("A dynamic import
// callback was not specified"): this module lends its own (./lent-import.ts), which
// ../parsers/pdf.ts, the script's one user of import(), calls. The cache is keyed by the
// script's bytes and the Node version, so an edited script or another Node never runs stale
// bytecode; V8 refuses one made under other flags (then it is made again).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';
import { keepFile } from '../keep-file.ts';
import { lendImport } from './lent-import.ts';

export interface CachedScript {
  exports: Record<string, unknown>;
  /** Writes the code cache, with what has been compiled by now, unless it was read from a valid one. */
  keepCache: () => void;
}

export function runCachedScript(file: string): CachedScript {
  // Hashed as read (hashing the decoded string would encode it again: ~1 ms of each start).
  const bytes = readFileSync(file);
  const key = createHash('sha256').update(process.version).update('\0').update(bytes).digest();
  const source = bytes.toString('utf8');
  const cacheFile = `${file}.cache`;
  let cachedData: Buffer | undefined;
  try {
    const kept = readFileSync(cacheFile);
    if (kept.subarray(0, key.length).equals(key)) cachedData = kept.subarray(key.length);
  } catch {
    // None kept yet: compiled from the source, and kept by keepCache.
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  // Bare names resolve from this folder, the script's.
  lendImport((specifier) => import(specifier));
  let fresh = cachedData === undefined || script.cachedDataRejected === true;
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    keepCache: () => {
      if (!fresh) return;
      fresh = false;
      // A build that cannot be written to compiles the script on every start.
      keepFile(cacheFile, () => Buffer.concat([key, script.createCachedData()]));
    },
  };
}
