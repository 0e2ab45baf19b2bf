// Bytes -> string for text inputs: BOM-aware UTF-8/UTF-16 (also UTF-16 without a BOM), then the
// legacy Vietnamese encodings (./legacy.ts) for bytes that are not UTF-8 — line by line when a
// file mixes the two (text pasted together from several sources); NFC at the end.
import { decodeAs, decodeLegacy, type LegacyEncoding } from './legacy.ts';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | LegacyEncoding;

export interface Decoded {
  text: string;
  encoding: TextEncoding;
  /** How the reading went against the file's own look, one line each (mixed encodings). */
  warnings?: string[];
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
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    return { text: utf8.decode(bytes).normalize('NFC'), encoding: 'utf-8' };
  } catch {
    return decodeMixed(bytes, utf8) ?? decodeLegacyOrRefuse(bytes);
  }
}

function decodeLegacyOrRefuse(bytes: Uint8Array): Decoded {
  const legacy = decodeLegacy(bytes);
  if (!legacy) throw new DecodeError('text in an unrecognised encoding (not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI)');
  return legacy;
}

/**
 * Bytes that are not UTF-8 as a whole but hold lines of real (non-ASCII) UTF-8: each line is read
 * as UTF-8 when it is, else in the one legacy encoding that best reads the other lines together.
 * Null when no line is non-ASCII UTF-8 (a plain legacy file).
 */
function decodeMixed(bytes: Uint8Array, utf8: TextDecoder): Decoded | null {
  const lines: { bytes: Uint8Array; text: string | null }[] = [];
  let utf8Lines = 0;
  for (let start = 0; start <= bytes.length; ) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const line = bytes.subarray(start, end);
    let text: string | null = null;
    try {
      text = utf8.decode(line);
    } catch {
      text = null;
    }
    if (text !== null && /[^\x00-\x7f]/.test(text)) utf8Lines++;
    lines.push({ bytes: line, text });
    start = end + 1;
  }
  if (utf8Lines === 0) return null;
  const rest = lines.filter((l) => l.text === null);
  const legacy = decodeLegacy(Buffer.concat(rest.flatMap((l) => [l.bytes, Buffer.from('\n')])));
  if (!legacy) throw new DecodeError(`text mixing UTF-8 with an unrecognised encoding (${rest.length} lines are neither UTF-8 nor Windows-1258, TCVN3 or VNI)`);
  const text = lines.map((l) => l.text ?? decodeAs(l.bytes, legacy.encoding)).join('\n');
  const warning = `mixed encodings: ${utf8Lines} line${utf8Lines > 1 ? 's' : ''} read as UTF-8 and ${rest.length} as ${legacy.encoding}, line by line`;
  return { text: text.normalize('NFC'), encoding: 'utf-8', warnings: [warning] };
}
