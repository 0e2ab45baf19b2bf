// Sandbox worker entry (plain JS: in a checkout it loads tsx before any TypeScript; the build in
// dist/ is JavaScript and needs none). Serves document jobs
// one at a time for its life, each reply its result or one-line reason.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { existsSync } from 'node:fs';

// Parser chatter (pdf.js warnings) must not reach stdout, where the JSON goes. (Piping the
// worker's stdio to the parent instead would keep an idle worker, and so the process, alive.)
for (const stream of [process.stdout, process.stderr]) stream.write = () => true;
for (const level of ['log', 'info', 'warn', 'error', 'debug']) console[level] = () => {};

// In a checkout, pdf.js is loaded before tsx's hooks: through them its 2 MB bundles are
// transformed on every start (~400 MB and 3 s per worker). Its worker half runs in this thread
// ("fake worker"); pdfjs-dist is pdf-parse's dependency: found from pdf-parse, so its own version
// is the one loaded. The build needs no hooks: src/parsers/pdf.ts loads pdf.js on the first PDF,
// so a worker reading text or HTML never pays for it.
const ts = existsSync(new URL('./job.ts', import.meta.url));
if (ts) {
  const fromPdfParse = createRequire(createRequire(import.meta.url).resolve('pdf-parse'));
  globalThis.pdfjsWorker = await import(pathToFileURL(fromPdfParse.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href);
  await import('pdf-parse');
  (await import('tsx/esm/api')).register();
}
// The build's job code is one CommonJS script run from its code cache (./script.ts).
const script = ts ? null : (await import('./script.js')).runCachedScript(fileURLToPath(new URL('./job-script.js', import.meta.url)));
const [{ runJob, keepResults }, { replyChunks }] = await Promise.all([ts ? import('./job.ts') : script.exports, import(ts ? './chunks.ts' : './chunks.js')]);
// The extractor warms up (patterns loaded, their regexes compiled) before the first job, while the
// caller is still starting: the first document then costs what any other does.
const warmUp = new TextEncoder().encode('Năm 2024, huyện Mường Nhé tỉnh Điện Biên giải ngân 1.000 triệu đồng, đạt 50% kế hoạch.');
await runJob({ task: 'output', bytes: warmUp, name: 'warm-up.txt', sha256: '' });
// In the build, what the warm-up compiled is kept so that the next worker need not (once per build and patterns).
keepResults();
script?.keepCache();
const slowStep = (ms) => parentPort.postMessage({ ok: null, slowStepMs: ms });
// A message is a list of jobs (sent ahead by ../sandbox/pool.ts), run in order, whichever
// message they came in, with one reply each as it is done.
let done = Promise.resolve();
parentPort.on('message', (requests) => {
  done = done.then(async () => {
    for (const request of requests) {
      const reply = await runJob(request, slowStep);
      // JSON chunks are moved to the caller, not copied.
      parentPort.postMessage(reply, reply.ok ? replyChunks(reply).map((chunk) => chunk.buffer) : []);
    }
  });
});
