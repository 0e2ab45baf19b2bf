// Recomputing figures from stored text and structure after the extractor or patterns change:
// the original files are not needed. Each document is extracted in the sandbox, under the same
// caps as ingest (a document the new rules make run away fails alone, keeping its old figures and
// versions), and replaced in its own transaction.
import { ZodError } from 'zod';
import { ParsedDocumentSchema, type ParsedDocument } from '../contract/parsed.ts';
import { hostOf } from '../parsers/html-meta.ts';
import { InputError } from '../contract/errors.ts';
import { extractParsedInSandbox, type SandboxLimits } from '../sandbox/index.ts';
import type { Db } from './db.ts';
import { reasonOf } from './ingest.ts';
import { deleteFigures, insertFigures, type Versions } from './write.ts';

interface StoredDocument {
  id: number;
  source: string;
  sha256: string;
  format: string;
  title: string | null;
  published: string | null;
  text: string;
  blocks: string;
  warnings: string | null;
  ocr: number;
  extractor_version: string;
  patterns_version: string;
}

export interface ReextractSummary {
  reextracted: number[];
  upToDate: number;
  /** Documents whose extraction failed (over a cap): their figures are as they were. */
  failed: { documentId: number; name: string; reason: string }[];
  figuresBefore: number;
  figuresAfter: number;
}

export interface ReextractOptions {
  force?: boolean;
  /** Hears of each document done or failed (for a progress bar). */
  onDocument?: (done: number, total: number, name: string) => void;
  limits?: SandboxLimits;
}

/** Re-extracts documents made by other versions (all of them with `force`). */
export async function reextractStore(db: Db, versions: Versions, opts: ReextractOptions = {}): Promise<ReextractSummary> {
  const isStale = (d: { extractor_version: string; patterns_version: string }) =>
    opts.force || d.extractor_version !== versions.extractor || d.patterns_version !== versions.patterns;
  // Ids first: the texts are read one at a time, not all held at once.
  const ids = (db.prepare('SELECT id, extractor_version, patterns_version FROM documents ORDER BY id').all() as { id: number; extractor_version: string; patterns_version: string }[])
    .filter(isStale)
    .map((d) => d.id);
  const total = (db.prepare('SELECT count(*) FROM documents').pluck().get() as number);
  const read = db.prepare('SELECT d.*, s.uri AS source FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.id = ?');
  const count = db.prepare('SELECT count(*) AS n FROM figures WHERE document_id = ?');
  const summary: ReextractSummary = { reextracted: [], upToDate: total - ids.length, failed: [], figuresBefore: 0, figuresAfter: 0 };
  let done = 0;
  for (const id of ids) {
    const d = read.get(id) as StoredDocument;
    try {
      const output = await extractParsedInSandbox(storedParsed(d), d.source, d.sha256, opts.limits);
      db.transaction(() => {
        summary.figuresBefore += (count.get(d.id) as { n: number }).n;
        deleteFigures(db, d.id);
        insertFigures(db, d.id, d.text, output.figures, versions);
        db.prepare('UPDATE documents SET extractor_version = ?, patterns_version = ? WHERE id = ?').run(versions.extractor, versions.patterns, d.id);
      }).immediate();
      summary.figuresAfter += output.figures.length;
      summary.reextracted.push(d.id);
    } catch (e) {
      // The document's fault (a cap, a broken stored structure, output off the contract) fails it alone.
      if (!(e instanceof InputError || e instanceof ZodError)) throw e;
      summary.failed.push({ documentId: d.id, name: d.source, reason: reasonOf(e) });
    }
    opts.onDocument?.(++done, ids.length, d.title ?? d.source);
  }
  return summary;
}

/** The parsed document as ingest stored it: text, structure, and the parser's notes (warnings,
 *  OCR, which lowers its figures' confidence again). */
function storedParsed(d: StoredDocument): ParsedDocument {
  let blocks: unknown;
  let warnings: unknown;
  try {
    blocks = JSON.parse(d.blocks);
    warnings = d.warnings === null ? undefined : JSON.parse(d.warnings);
  } catch {
    throw new InputError(d.source, 'its stored structure is not valid JSON (the store is damaged): ingest the file again');
  }
  // A page's host places a text that names no place (see document-facts): its stored address gives it back.
  return ParsedDocumentSchema.parse({ ...d, blocks, warnings, ocr: d.ocr === 1 || undefined, host: hostOf(d.source) });
}
