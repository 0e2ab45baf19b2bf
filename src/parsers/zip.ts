// Reads a zip's central directory and inflates single entries (streaming, within a byte budget),
// so a DOCX is checked (entries present, real inflated sizes bounded) before mammoth sees it: a
// 300 KB file can inflate to gigabytes, and declared sizes in the directory can lie.
import { inflateWithin, InflateBudgetError } from './inflate.ts';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

/** Why a zip cannot be read; the message is the user-facing reason. */
export class ZipError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('corrupt or truncated zip (no central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ZipError('corrupt zip (bad central directory)');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      declaredSize: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The entry's bytes (or only its inflated size, when `keep` is false), refusing to inflate past `maxBytes`. */
export async function readEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number, keep = true): Promise<{ size: number; data: Buffer | null }> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const p = entry.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) throw new ZipError(`corrupt zip (entry ${entry.name} missing)`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw new ZipError(`corrupt or truncated zip (entry ${entry.name} cut short)`);
  const data = buf.subarray(start, end);
  if (entry.method === 0) {
    if (data.length > maxBytes) throw new ZipError(`${entry.name} is larger than ${maxBytes / 2 ** 20} MB`);
    return { size: data.length, data: keep ? data : null };
  }
  if (entry.method !== 8) throw new ZipError(`${entry.name} uses an unsupported zip compression (method ${entry.method})`);
  try {
    return await inflateWithin(data, { format: 'raw', maxBytes, keep });
  } catch (e) {
    if (e instanceof InflateBudgetError) throw new ZipError(`${entry.name} inflates to more than ${maxBytes / 2 ** 20} MB (zip bomb?)`);
    throw new ZipError(`corrupt zip (${entry.name} does not inflate)`);
  }
}
