// Fetches one document over HTTP(S) for `solieu extract <url>`, with the same size cap as files,
// a time limit, and errors in the one-line form ("<url>: <reason>").
import { InputError } from '../contract/errors.ts';
import { MAX_INPUT_BYTES, sha256Hex, type SourceFile } from './file.ts';

export const FETCH_TIMEOUT_MS = 30_000;

export function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

export async function fetchSource(url: string, timeoutMs = FETCH_TIMEOUT_MS): Promise<SourceFile> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow', headers: { 'user-agent': 'solieu (+figures from public reports)' } });
  } catch (e) {
    const reason = (e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : `cannot fetch (${(e as Error).message})`;
    throw new InputError(url, reason);
  }
  if (!res.ok) throw new InputError(url, `HTTP ${res.status} ${res.statusText}`.trim());
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_INPUT_BYTES) throw new InputError(url, `document is ${declared} bytes, over the ${MAX_INPUT_BYTES}-byte limit`);
  // Read the body in chunks so an endless or lying response stops at the cap.
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_INPUT_BYTES) {
      await reader.cancel();
      throw new InputError(url, `document is over the ${MAX_INPUT_BYTES}-byte limit`);
    }
    chunks.push(value);
  }
  if (size === 0) throw new InputError(url, 'empty response');
  const bytes = Buffer.concat(chunks);
  return { name: url, bytes, sha256: sha256Hex(bytes) };
}
