// Recomputing figures from stored text and structure after the extractor or patterns change:
// the original files are not needed. Each document is replaced in its own transaction.
import { ParsedDocumentSchema } from '../contract/parsed.ts';
import type { Db } from './db.ts';
import { extractParsed } from './extract-parsed.ts';
import { deleteFigures, insertFigures, type Versions } from './write.ts';

interface StoredDocument {
  id: number;
  sha256: string;
  format: string;
  title: string | null;
  published: string | null;
  text: string;
  blocks: string;
  extractor_version: string;
  patterns_version: string;
}

export interface ReextractSummary {
  reextracted: number[];
  upToDate: number;
  figuresBefore: number;
  figuresAfter: number;
}

/** Re-extracts documents made by other versions (all of them with `force`); `onDocument` hears of
 *  each one done (for a progress bar). */
export function reextractStore(
  db: Db,
  versions: Versions,
  opts: { force?: boolean; onDocument?: (done: number, total: number, name: string) => void } = {},
): ReextractSummary {
  const docs = db.prepare('SELECT * FROM documents ORDER BY id').all() as StoredDocument[];
  const stale = opts.force ? docs.length : docs.filter((d) => d.extractor_version !== versions.extractor || d.patterns_version !== versions.patterns).length;
  const count = db.prepare('SELECT count(*) AS n FROM figures WHERE document_id = ?');
  const summary: ReextractSummary = { reextracted: [], upToDate: 0, figuresBefore: 0, figuresAfter: 0 };
  for (const d of docs) {
    if (!opts.force && d.extractor_version === versions.extractor && d.patterns_version === versions.patterns) {
      summary.upToDate++;
      continue;
    }
    const parsed = ParsedDocumentSchema.parse({ ...d, blocks: JSON.parse(d.blocks) });
    const output = extractParsed(parsed, d.sha256);
    db.transaction(() => {
      summary.figuresBefore += (count.get(d.id) as { n: number }).n;
      deleteFigures(db, d.id);
      insertFigures(db, d.id, d.text, output.figures, versions);
      db.prepare('UPDATE documents SET extractor_version = ?, patterns_version = ? WHERE id = ?').run(versions.extractor, versions.patterns, d.id);
    }).immediate();
    summary.figuresAfter += output.figures.length;
    summary.reextracted.push(d.id);
    opts.onDocument?.(summary.reextracted.length, stale, d.title ?? `document ${d.id}`);
  }
  return summary;
}
