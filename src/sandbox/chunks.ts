// The output buffers of a job's reply: moved, not copied, out of the worker (./worker.js), and
// counted by the pool (./pool.ts), which replaces a worker that has just made a lot of output.
import type { JobReply } from './job.ts';

export function replyChunks(reply: Extract<JobReply, { ok: true }>): Uint8Array[] {
  return [...(reply.json ?? []), ...(reply.storable ? [reply.storable.blocks, ...reply.storable.figures] : [])];
}
