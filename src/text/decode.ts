// Bytes -> string for text inputs: BOM-aware UTF-8/UTF-16 (also UTF-16 without a BOM), then the
// legacy Vietnamese encodings (./legacy.ts) for bytes that are not UTF-8; NFC at the end.
import { decodeLegacy, type LegacyEncoding } from './legacy.ts';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | LegacyEncoding;

export interface Decoded {
  text: string;
  encoding: TextEncoding;
}

/** Why bytes could not be read as text; the message is the user-facing reason. */
export class DecodeError extends Error {}

const SNIFF_BYTES = 8192;

/** UTF-16 without a BOM shows as a NUL in every other byte of Latin-script text. */
function sniffUtf16(bytes: Uint8Array): TextEncoding | null {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul === 0) return 'utf-16le';
  if (evenNul > pairs * 0.3 && oddNul === 0) return 'utf-16be';
  return null;
}

/** Binary data: NUL bytes, or more than a few control characters that text never holds. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    // TAB LF VT FF CR, SUB and ESC occur in old text files; TCVN3 also uses a few low bytes for capitals.
    if (b < 0x20 && ![0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1a, 0x1b].includes(b)) controls++;
  }
  return controls > n * 0.02;
}

export function decodeText(bytes: Uint8Array): Decoded {
  let encoding: TextEncoding | null = null;
  let offset = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) [encoding, offset] = ['utf-8', 3];
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, offset] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, offset] = ['utf-16be', 2];
  else encoding = sniffUtf16(bytes);
  if (encoding) {
    try {
      return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(offset)).normalize('NFC'), encoding };
    } catch {
      throw new DecodeError(`not valid ${encoding.toUpperCase()} text`);
    }
  }
  if (looksBinary(bytes)) throw new DecodeError('not a text document (binary data)');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).normalize('NFC'), encoding: 'utf-8' };
  } catch {
    const legacy = decodeLegacy(bytes);
    if (!legacy) {
      throw new DecodeError('text in an unrecognised encoding (not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI)');
    }
    return legacy;
  }
}
