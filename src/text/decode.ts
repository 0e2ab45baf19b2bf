// Bytes -> string for plain-text inputs: BOM-aware UTF-8/UTF-16, then NFC.
// Legacy Vietnamese encodings are detected in ./legacy.ts (issue 3).
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface Decoded {
  text: string;
  encoding: TextEncoding;
}

export function decodeText(bytes: Uint8Array): Decoded {
  let encoding: TextEncoding = 'utf-8';
  let offset = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) offset = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, offset] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, offset] = ['utf-16be', 2];
  const text = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(offset));
  return { text: text.normalize('NFC'), encoding };
}
