// Runs a parser in a worker thread with a heap cap and a wall-clock timeout: hostile documents
// (zip bombs, deep nesting, endless PDFs) end as a one-line InputError, and the process goes on.
import { Worker } from 'node:worker_threads';
import { ParsedDocumentSchema, type ParsedDocument } from '../contract/parsed.ts';
import { InputError } from '../contract/errors.ts';

export interface SandboxLimits {
  timeoutMs: number;
  heapMb: number;
}

export const DEFAULT_LIMITS: SandboxLimits = { timeoutMs: 20_000, heapMb: 512 };

const WORKER = new URL('./worker.js', import.meta.url);

type Reply = { ok: true; doc: ParsedDocument } | { ok: false; reason: string };

export function parseInSandbox(bytes: Uint8Array, name: string, limits: SandboxLimits = DEFAULT_LIMITS): Promise<ParsedDocument> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      workerData: { bytes, name },
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
      // Parser chatter (pdf.js warnings) must not reach stdout, where the JSON goes.
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const fail = (reason: string) => settle(() => reject(new InputError(name, reason)));
    const timer = setTimeout(() => fail(`parsing took longer than ${limits.timeoutMs / 1000} s`), limits.timeoutMs);
    worker.on('message', (reply: Reply) => {
      if (!reply.ok) return fail(reply.reason);
      const checked = ParsedDocumentSchema.safeParse(reply.doc);
      if (checked.success) settle(() => resolve(checked.data));
      else fail(`parser produced an invalid document (${checked.error.issues[0]?.message})`);
    });
    worker.on('error', (err: Error & { code?: string }) =>
      fail(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `parser ran out of memory (limit ${limits.heapMb} MB)` : `parser failed (${err.message.split('\n')[0]})`),
    );
    worker.on('exit', (code) => fail(`parser stopped unexpectedly (exit code ${code})`));
  });
}
