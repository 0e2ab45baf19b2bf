// Parses a document in the current thread, by its detected format. Runs inside the sandbox
// worker (./sandbox.ts); parser modules load on demand so a worker pays only for its format.
import type { ParsedDocument } from '../contract/parsed.ts';
import { detectFormat } from './detect.ts';

/** `onSlowStep(ms)`: a step that may take up to `ms` begins (OCR of one page), for a caller that keeps time. */
export async function parseInProcess(bytes: Uint8Array, name: string, onSlowStep?: (ms: number) => void): Promise<ParsedDocument> {
  switch (detectFormat(bytes, name)) {
    case 'pdf':
      return (await import('./pdf.ts')).parsePdf(bytes, name, onSlowStep);
    case 'docx':
      return (await import('./docx.ts')).parseDocx(bytes, name);
    case 'html':
      return (await import('./html.ts')).parseHtml(bytes, name);
    case 'txt':
      return (await import('./txt.ts')).parseTxt(bytes, name);
  }
}
