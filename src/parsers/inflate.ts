// Streaming inflate with a byte budget: output is counted as it comes and the stream is stopped
// the moment it passes the budget, so a 1 KB bomb that would inflate to gigabytes costs at most
// one chunk beyond the budget, and nothing is kept unless asked for.
import { createInflate, createInflateRaw, constants } from 'node:zlib';

/** The budget was passed; `limit` is the budget in bytes. */
export class InflateBudgetError extends Error {
  constructor(readonly limit: number) {
    super(`inflates to more than ${limit / 2 ** 20} MB`);
  }
}

export interface InflateOptions {
  /** 'raw' deflate (zip entries) or 'zlib' (PDF FlateDecode). */
  format: 'raw' | 'zlib';
  maxBytes: number;
  /** Keep the inflated bytes (else only count them). */
  keep: boolean;
}

const CHUNK = 64 * 1024;

/** Inflates `data`; rejects with InflateBudgetError past the budget, or with zlib's error when corrupt. */
export function inflateWithin(data: Uint8Array, opts: InflateOptions): Promise<{ size: number; data: Buffer | null }> {
  return new Promise((resolve, reject) => {
    // SYNC_FLUSH at the end: a stream cut short yields what it has instead of an error.
    const z = (opts.format === 'raw' ? createInflateRaw : createInflate)({ chunkSize: CHUNK, finishFlush: constants.Z_SYNC_FLUSH });
    const kept: Buffer[] = [];
    let size = 0;
    let done = false;
    const stop = (fn: () => void) => {
      if (done) return;
      done = true;
      z.destroy();
      fn();
    };
    z.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > opts.maxBytes) return stop(() => reject(new InflateBudgetError(opts.maxBytes)));
      if (opts.keep) kept.push(chunk);
    });
    z.on('error', (err) => stop(() => reject(err)));
    z.on('end', () => stop(() => resolve({ size, data: opts.keep ? Buffer.concat(kept) : null })));
    z.end(data);
  });
}
