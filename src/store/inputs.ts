// Which inputs an ingest reads: named files, URLs and '-' as given, folders walked for document
// files. What a walk passes over is returned with the reason, so the user hears of it.
import { readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { isUrl, STDIN } from '../sources/read.ts';

/** Extensions picked up when walking a folder (a file named on the command line is read whatever its name). */
export const DOCUMENT_EXTENSIONS = new Set(['.txt', '.docx', '.pdf', '.html', '.htm']);

export interface Skipped {
  path: string;
  why: string;
}

const NAME_IT = 'name it on the command line to ingest it';

/** Why a folder walk passes over a file with this extension. */
function skipReason(ext: string): string {
  if (ext === '.doc') return 'old Word format (.doc) is not read; save it as .docx';
  if (ext === '.md' || ext === '.markdown') return `Markdown is not picked up from folders; ${NAME_IT} as text`;
  return `not a document type solieu picks up from folders (${[...DOCUMENT_EXTENSIONS].join(' ')})`;
}

/** Inputs in argument order, folders expanded in sorted order; a missing path is kept so its
 *  ingest fails with a reason instead of vanishing from the summary. */
export function listInputs(args: string[]): { inputs: string[]; skipped: Skipped[] } {
  const inputs: string[] = [];
  const skipped: Skipped[] = [];
  for (const a of args) {
    if (a === STDIN || isUrl(a)) {
      inputs.push(a);
      continue;
    }
    const abs = resolve(a);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      // missing: reported by the ingest
    }
    if (isDir) walk(abs, inputs, skipped);
    else inputs.push(abs);
  }
  const named = new Set(inputs);
  return { inputs: [...named], skipped: skipped.filter((s) => !named.has(s.path)) };
}

function walk(dir: string, inputs: string[], skipped: Skipped[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.name.startsWith('.')) skipped.push({ path: p, why: `hidden ${e.isDirectory() ? 'folder' : 'file'}; ${NAME_IT}` });
    else if (e.isSymbolicLink()) skipped.push({ path: p, why: 'symbolic link, not followed; name its target to ingest it' });
    else if (e.isDirectory()) walk(p, inputs, skipped);
    else if (!e.isFile()) skipped.push({ path: p, why: 'not a regular file' });
    else if (DOCUMENT_EXTENSIONS.has(extname(e.name).toLowerCase())) inputs.push(p);
    else skipped.push({ path: p, why: skipReason(extname(e.name).toLowerCase()) });
  }
}
