// Sandbox worker entry (plain JS: in a checkout it must load tsx before any TypeScript; the build
// in dist/ is JavaScript and needs none). Parses one document and posts back the result or the
// one-line reason it was refused.
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

if (existsSync(new URL('./dispatch.ts', import.meta.url))) (await import('tsx/esm/api')).register();
const { parseInProcess } = await import('./dispatch.ts');
try {
  const doc = await parseInProcess(workerData.bytes, workerData.name);
  parentPort.postMessage({ ok: true, doc });
} catch (e) {
  const reason = e?.name === 'InputError' ? e.reason : `parser failed (${String(e?.message ?? e).split('\n')[0].slice(0, 160)})`;
  parentPort.postMessage({ ok: false, reason });
}
