// A PDF's compressed streams measured before pdf.js reads the file: pdf.js inflates a content
// stream whole, with no limit, so a few KB of FlateDecode can grow to gigabytes outside the
// worker's heap cap. Each stream is inflated (streaming, counted, nothing kept) within a budget.
// Image streams are left to pdf.js, which decodes no more of them than their declared size
// (bounded by `maxImageSize` in ./pdf.ts).
import { inflateWithin, InflateBudgetError } from './inflate.ts';

/** Inflated size allowed for one stream (a dense page's content stream is well under 1 MB). */
export const MAX_STREAM_BYTES = 64 * 2 ** 20;
/** Inflated size allowed for all non-image streams of one file. */
export const MAX_STREAMS_BYTES = 256 * 2 ** 20;

const STREAM = /(?<!end)stream(?:\r\n|\n|\r)/g;

/** Throws a one-line reason when a stream passes its budget; corrupt streams are pdf.js's to judge. */
export async function checkStreams(bytes: Uint8Array): Promise<void> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const raw = buf.toString('latin1');
  let total = 0;
  for (const m of raw.matchAll(STREAM)) {
    const head = raw.slice(Math.max(0, m.index - 4096), m.index);
    const dict = head.slice(Math.max(0, head.lastIndexOf(' obj')));
    if (!/\/(?:FlateDecode|Fl)\b/.test(dict) || /\/Subtype\s*\/Image\b/.test(dict)) continue;
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    const data = buf.subarray(start, end < 0 ? buf.length : end);
    try {
      total += (await inflateWithin(data, { format: 'zlib', maxBytes: Math.min(MAX_STREAM_BYTES, MAX_STREAMS_BYTES - total), keep: false })).size;
    } catch (e) {
      if (!(e instanceof InflateBudgetError)) continue;
      if (e.limit < MAX_STREAM_BYTES) throw new Error(`its compressed streams inflate to more than ${MAX_STREAMS_BYTES / 2 ** 20} MB (a decompression bomb?)`);
      throw new Error(`a compressed stream inflates to more than ${MAX_STREAM_BYTES / 2 ** 20} MB (a decompression bomb?)`);
    }
  }
}
