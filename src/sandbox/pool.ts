// Runs document jobs (parse, or parse + extract) in a long-lived worker thread with a heap cap, a
// wall-clock timeout per job and an output cap: a hostile document (zip bomb, deep nesting, text
// that makes a regex crawl) ends as a one-line InputError after at most its cap, the worker is
// replaced, and the next document of the batch goes on. One worker serves every job in turn, so
// a batch pays the worker's start-up (tsx, pdf.js) once instead of once per document.
import { Worker } from 'node:worker_threads';
import { InputError } from '../contract/errors.ts';
import type { JobReply, JobRequest } from './job.ts';
import { replyChunks } from './chunks.ts';

type Done = Extract<JobReply, { ok: true }>;

export interface SandboxLimits {
  /** Time for a document, plus `msPerMb` for each MB of it: linear work always fits, runaway work is cut off. */
  timeoutMs: number;
  msPerMb?: number;
  heapMb: number;
  /** Figures allowed for one document (default: job.ts MAX_FIGURES). */
  maxFigures?: number;
}

export const DEFAULT_LIMITS: SandboxLimits = { timeoutMs: 20_000, msPerMb: 15_000, heapMb: 512 };

// From the folder above, so that it holds in the CLI's bundle too (scripts/build.mjs).
const WORKER = new URL('../sandbox/worker.js', import.meta.url);

/** A worker that has just handed over this much output (a 200,000-row table: 170 MB) is replaced:
 *  the heap it grew to make it (~400 MB) is freed at once, where an idle worker would keep it
 *  while the caller stores or prints the output (ingest of that table peaked at 1.1 GB, not 0.7). */
const RECYCLE_BYTES = 32 * 2 ** 20;

/** Jobs handed to the worker ahead of the one it runs, in one message: a worker woken for each
 *  small document (ingest of many articles) cost the caller's thread ~0.1 ms a wake-up idle and
 *  ~0.5 ms on a busy machine, a fifth of its work. Within this many jobs and input bytes (a large
 *  document goes alone). */
const AHEAD_JOBS = 32;
const AHEAD_BYTES = 4 * 2 ** 20;

interface Pending {
  request: JobRequest;
  /** Input bytes (AHEAD_BYTES). */
  size: number;
  timeoutMs: number;
  resolve: (reply: Done) => void;
  reject: (e: InputError) => void;
}

/** One worker and its queue; jobs run one at a time, each under its own time limit. Jobs are sent
 *  ahead (./worker.js runs them in order, one reply each), so only the first sent and not yet
 *  replied is running: its clock runs, and it alone fails when the worker dies or overruns; the
 *  jobs sent after it go again to the next worker. */
class Sandbox {
  private worker: Worker | null = null;
  private queue: Pending[] = [];
  /** Sent to the worker, in order; the first is running. */
  private sent: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing = false;

  constructor(private readonly heapMb: number) {}

  /** Starts the worker now (idle, so it keeps no process alive): its start-up (Node, the
   *  extractor's modules) then overlaps the caller's own (modules, opening the store). */
  start(): void {
    if (this.worker) return;
    this.worker = this.spawn();
    if (!this.sent.length) this.worker.unref();
  }

  run(request: JobRequest, size: number, timeoutMs: number): Promise<Done> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, size, timeoutMs, resolve, reject });
      this.next();
    });
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER, {
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
    });
    worker.on('message', (reply: JobReply) => {
      if (worker !== this.worker) return;
      if (reply.ok === null) this.arm(reply.slowStepMs);
      else if (reply.ok) this.finish((job) => job.resolve(reply), replyChunks(reply).reduce((n, c) => n + c.byteLength, 0) > RECYCLE_BYTES);
      else this.finish((job) => job.reject(new InputError(job.request.name, reply.reason)), false);
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (worker !== this.worker) return;
      const reason =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `ran out of memory (limit ${this.heapMb} MB): the document is too large or malformed`
          : `parser failed (${err.message.split('\n')[0]})`;
      this.finish((job) => job.reject(new InputError(job.request.name, reason)), true);
    });
    worker.on('exit', (code) => {
      if (worker !== this.worker) return;
      this.finish((job) => job.reject(new InputError(job.request.name, `parser stopped unexpectedly (exit code ${code})`)), true);
    });
    return worker;
  }

  /** Sends what is queued, once this turn's jobs are all queued (a batch's files are read in one
   *  turn), so that they go in one message. */
  private next(): void {
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => {
      this.flushing = false;
      this.send();
    });
  }

  private send(): void {
    let bytes = this.sent.reduce((n, j) => n + j.size, 0);
    const batch: Pending[] = [];
    while (this.queue.length && this.sent.length + batch.length < AHEAD_JOBS && (!this.sent.length && !batch.length || bytes + this.queue[0].size <= AHEAD_BYTES)) {
      const job = this.queue.shift()!;
      bytes += job.size;
      batch.push(job);
    }
    if (!batch.length) {
      // An idle worker must not keep the process alive.
      if (!this.sent.length) this.worker?.unref();
      return;
    }
    const worker = (this.worker ??= this.spawn());
    worker.ref();
    const idle = !this.sent.length;
    this.sent.push(...batch);
    if (idle) this.arm(batch[0].timeoutMs);
    worker.postMessage(batch.map((j) => j.request));
  }

  /** (Re)starts the running job's clock: it fails unless it replies within `ms`. */
  private arm(ms: number): void {
    const running = this.sent[0];
    if (!running) return;
    clearTimeout(this.timer);
    const limit = Math.max(running.timeoutMs, ms);
    const reason = `reading took longer than ${limit / 1000} s (the limit per document): the file is too large or malformed`;
    // Decided a turn later: when this thread was busy (storing a large document) past the limit, a
    // reply that came in time is still queued behind the timer, and is taken first.
    const timer: NodeJS.Timeout = setTimeout(() => setImmediate(() => {
      if (this.sent[0] === running && this.timer === timer) this.finish((j) => j.reject(new InputError(j.request.name, reason)), true);
    }), limit);
    this.timer = timer;
  }

  /** Settles the running job and starts the next one's clock; a worker that timed out or died is
   *  replaced, and the jobs sent after the running one are queued again for its successor. */
  private finish(settle: (job: Pending) => void, replace: boolean): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const running = this.sent.shift();
    if (replace && this.worker) {
      void this.worker.terminate();
      this.worker = null;
      this.queue.unshift(...this.sent);
      this.sent = [];
    }
    if (running) settle(running);
    if (this.sent.length) this.arm(this.sent[0].timeoutMs);
    this.next();
  }
}

const sandboxes = new Map<number, Sandbox>();

function sandboxFor(limits: SandboxLimits): Sandbox {
  let box = sandboxes.get(limits.heapMb);
  if (!box) sandboxes.set(limits.heapMb, (box = new Sandbox(limits.heapMb)));
  return box;
}

/** Starts the worker for these limits ahead of its first job (a command about to read documents). */
export function prestartSandbox(limits: SandboxLimits = DEFAULT_LIMITS): void {
  sandboxFor(limits).start();
}

/** Runs one job in the sandbox for these limits (one worker per heap size; the timeout is per job). */
export function runInSandbox(request: JobRequest, limits: SandboxLimits = DEFAULT_LIMITS): Promise<Done> {
  // A parsed document is measured by its text (two bytes a character, as held in memory).
  const size = request.task === 'figures' ? request.parsed.text.length * 2 : request.bytes.byteLength;
  const timeoutMs = Math.round(limits.timeoutMs + ((limits.msPerMb ?? 0) * size) / 2 ** 20);
  return sandboxFor(limits).run(limits.maxFigures === undefined ? request : { ...request, maxFigures: limits.maxFigures }, size, timeoutMs);
}
