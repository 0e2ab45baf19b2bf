// Parses a document in the current thread, by its detected format. Runs inside the sandbox
// worker (./sandbox.ts); parser modules load on demand so a worker pays only for its format.
import type { ParsedDocument } from '../contract/parsed.ts';
import { detectFormat } from './detect.ts';

/** A parser module, imported on its format's first document and kept: a dynamic import() of a
 *  loaded module still resolves it again (through tsx's hooks, ~0.5 ms: more than a short article's parse). */
function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}
const pdf = lazy(() => import('./pdf.ts'));
const docx = lazy(() => import('./docx.ts'));
const html = lazy(() => import('./html.ts'));
const txt = lazy(() => import('./txt.ts'));

/** `onSlowStep(ms)`: a step that may take up to `ms` begins (OCR of one page), for a caller that keeps time. */
export async function parseInProcess(bytes: Uint8Array, name: string, onSlowStep?: (ms: number) => void): Promise<ParsedDocument> {
  switch (detectFormat(bytes, name)) {
    case 'pdf':
      return (await pdf()).parsePdf(bytes, name, onSlowStep);
    case 'docx':
      return (await docx()).parseDocx(bytes, name);
    case 'html':
      return (await html()).parseHtml(bytes, name);
    case 'txt':
      return (await txt()).parseTxt(bytes, name);
  }
}
