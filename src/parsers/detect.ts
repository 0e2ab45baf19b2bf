// Which parser a document needs, decided by its bytes (never by its name alone).
import { InputError } from '../contract/errors.ts';

export type DocumentFormat = 'txt' | 'html' | 'docx' | 'pdf';

const HTML_START = /^(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>|<!--)/i;
const HTML_ANYWHERE = /<html[\s>]|<body[\s>]|<\/(?:p|div|table)>/i;

/**
 * A PDF starts with its header; readers allow up to 1 KB of junk before it, so a header further
 * in counts only with the rest of a PDF's frame (an object at once, the end marker at the end):
 * a text that merely mentions "%PDF-1.4" stays text.
 */
function isPdf(bytes: Uint8Array, head: Buffer): boolean {
  const at = head.toString('latin1', 0, 1024).search(/%PDF-\d\.\d/);
  if (at === 0) return true;
  if (at < 0) return false;
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  return /^%PDF-\d\.\d[^\n\r]*[\r\n]+(?:%[^\n\r]*[\r\n]+)*\d+\s+\d+\s+obj\b/.test(head.toString('latin1', at)) && tail.includes('%%EOF');
}

export function detectFormat(bytes: Uint8Array, name: string): DocumentFormat {
  const head = Buffer.from(bytes.subarray(0, 2048));
  if (isPdf(bytes, head)) return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) return 'docx';
  if (head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0) throw new InputError(name, 'an old binary Word/Office file (.doc): save it as .docx');
  // UTF-16 HTML has a NUL after every ASCII byte; drop NULs and a BOM before sniffing.
  const ascii = head.toString('latin1').replace(/\0/g, '').replace(/^(?:\xef\xbb\xbf|\xff\xfe|\xfe\xff)/, '').trimStart();
  if (HTML_START.test(ascii) || (ascii.startsWith('<') && HTML_ANYWHERE.test(ascii))) return 'html';
  return 'txt';
}
