// Sandbox worker entry (plain JS: in a checkout it loads tsx before any TypeScript; the build in
// dist/ is JavaScript and needs none). Serves document jobs
// one at a time for its life: each message is a job, each reply its result or one-line reason.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { existsSync } from 'node:fs';

// Parser chatter (pdf.js warnings) must not reach stdout, where the JSON goes. (Piping the
// worker's stdio to the parent instead would keep an idle worker, and so the process, alive.)
for (const stream of [process.stdout, process.stderr]) stream.write = () => true;
for (const level of ['log', 'info', 'warn', 'error', 'debug']) console[level] = () => {};

// pdf.js is loaded before tsx's hooks: through them its 2 MB bundles are transformed on every
// start (~400 MB and 3 s per worker). Its worker half runs in this thread ("fake worker").
// pdfjs-dist is pdf-parse's dependency: found from pdf-parse, so its own version is the one loaded.
const fromPdfParse = createRequire(createRequire(import.meta.url).resolve('pdf-parse'));
globalThis.pdfjsWorker = await import(pathToFileURL(fromPdfParse.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href);
await import('pdf-parse');
const ts = existsSync(new URL('./job.ts', import.meta.url));
if (ts) (await import('tsx/esm/api')).register();
const { runJob } = await import(ts ? './job.ts' : './job.js');
const slowStep = (ms) => parentPort.postMessage({ ok: null, slowStepMs: ms });
parentPort.on('message', async (request) => {
  const reply = await runJob(request, slowStep);
  // JSON chunks are moved to the caller, not copied.
  parentPort.postMessage(reply, reply.json?.map((chunk) => chunk.buffer) ?? []);
});
