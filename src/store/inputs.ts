// Which files an ingest reads: named files as given, folders walked for document files.
import { readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

/** Extensions picked up when walking a folder (gold JSON, notes, etc. are skipped). */
export const DOCUMENT_EXTENSIONS = new Set(['.txt', '.docx', '.pdf', '.html', '.htm']);

/** Files in argument order, folders expanded in sorted order; a missing path is kept so its
 *  ingest fails with a reason instead of vanishing from the summary. */
export function listInputs(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      // missing: reported by the ingest
    }
    if (isDir) walk(abs, out);
    else out.push(abs);
  }
  return [...new Set(out)];
}

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && DOCUMENT_EXTENSIONS.has(extname(e.name).toLowerCase())) out.push(p);
  }
}
