// Writing prepared documents in batches (one transaction per batch) so that a crash loses only the
// batch not yet committed and never leaves a document half written, and a document that fails to
// store fails alone.
import { ZodError } from 'zod';
import { InputError } from '../contract/errors.ts';
import type { Figure } from '../contract/schema.ts';
import type { Storable } from '../contract/storable.ts';
import { jsonElements } from '../contract/json-chunks.ts';
import type { Db } from './db.ts';
import type { IngestOutcome } from './ingest.ts';
import { saveDocumentFindings } from './findings.ts';
import { countFacets, documentIdBySha, insertDocumentRows, type Versions } from './write.ts';
import { pointName, recordName } from './names.ts';

/** A batch is committed when it holds this many documents or is this old, whichever is first.
 *  Each commit flushes the full-text index's segment and, past the WAL's 1,000 pages, checkpoints
 *  the pages the batch dirtied in every index (~20-25 ms): over 10,000 small articles, 117
 *  commits of 100 took ~13% of the writing thread's time, 34 of 500 (or 500 ms) a third of that. */
const BATCH_DOCUMENTS = 500;
const BATCH_MS = 500;

/** A document read, parsed, extracted and audited (in the sandbox), ready to store. */
export interface Ready {
  file: string;
  bytes: number;
  sha256: string;
  storable: Storable;
}

/**
 * Documents written one by one into an open transaction, committed every BATCH_DOCUMENTS or
 * BATCH_MS: storing overlaps the sandbox's extraction of the next files, and a savepoint per
 * document (which makes FTS5 write a segment per document) is paid only when one fails: then the
 * batch is rolled back and written again with one savepoint per document, so the failing one
 * fails alone. The facet counts of the documents it wrote are added once, at the commit (or
 * before a name it wrote is written again, which may supersede what it wrote). Outcomes are
 * reported after their commit.
 */
export class Batch {
  private docs: Ready[] = [];
  private written: IngestOutcome[] = [];
  /** Written by the open batch and not yet in the facet counts. */
  private uncounted: number[] = [];
  /** The names the open batch wrote. */
  private names = new Set<string>();
  private opened = 0;
  private at = '';
  /** Documents above this id were written by the open batch, which a failure rolls back and
   *  writes again (their ids may change). */
  private committedUpTo = Number.MAX_SAFE_INTEGER;

  constructor(
    private readonly db: Db,
    private readonly versions: Versions,
    private readonly report: (o: IngestOutcome) => void,
  ) {}

  add(r: Ready): void {
    if (!this.docs.length) {
      this.db.prepare('BEGIN IMMEDIATE').run();
      this.committedUpTo = this.db.prepare('SELECT coalesce(max(id), 0) FROM documents').pluck().get() as number;
      this.opened = performance.now();
      this.at = new Date().toISOString();
    }
    this.docs.push(r);
    if (this.written.length === this.docs.length - 1) {
      try {
        // Superseding a version uncounts it (migration 6's trigger): it must be counted by then.
        if (this.names.has(r.file)) this.countWritten();
        this.written.push(writeDocument(this.db, r, this.versions, this.at, this.uncounted));
        this.names.add(r.file);
      } catch {
        // Replayed below, one savepoint per document, where the failure gets its reason.
      }
    }
    if (this.docs.length >= BATCH_DOCUMENTS || performance.now() - this.opened >= BATCH_MS) this.commit();
  }

  /** `next`, committing the open batch first if it is not settled before the batch is BATCH_MS old. */
  async commitIfWaiting<T>(next: Promise<T>): Promise<T> {
    if (!this.docs.length) return next;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), Math.max(0, this.opened + BATCH_MS - performance.now()))));
    const first = await Promise.race([next, late]);
    clearTimeout(timer);
    if (first !== 'late') return first;
    this.commit();
    return next;
  }

  commit(): void {
    if (!this.docs.length) return;
    let outcomes = this.written;
    if (outcomes.length === this.docs.length) {
      this.countWritten();
      this.db.prepare('COMMIT').run();
    } else {
      // (Some errors end the transaction themselves.)
      if (this.db.inTransaction) this.db.prepare('ROLLBACK').run();
      outcomes = writeBatch(this.db, this.docs, this.versions);
    }
    this.docs = [];
    this.written = [];
    this.uncounted = [];
    this.names.clear();
    this.committedUpTo = Number.MAX_SAFE_INTEGER;
    outcomes.forEach(this.report);
  }

  /** A stored document is not one the open batch wrote (a later copy of its bytes is then
   *  stored as the batch writes it: "unchanged", the same after a replay). */
  isCommitted(documentId: number): boolean {
    return documentId <= this.committedUpTo;
  }

  private countWritten(): void {
    countFacets(this.db, this.uncounted, 1);
    this.uncounted = [];
  }

  /** After an error: nothing half-committed stays open. */
  rollback(): void {
    if (this.db.inTransaction) this.db.prepare('ROLLBACK').run();
  }
}

/** Writes one document inside the caller's transaction; throws what stops it. A new version's id
 *  goes into `uncounted` when given (its facet counts left to the caller), else it is counted. */
function writeDocument(db: Db, r: Ready, versions: Versions, at: string, uncounted?: number[]): IngestOutcome {
  // Another process (or an earlier file of this batch) may have stored the same bytes.
  const raced = documentIdBySha(db, r.sha256);
  if (raced !== null) return knownBytes(db, r.file, raced, r.bytes);
  const s = r.storable;
  // Figures are decoded a chunk at a time as they are written (checked against the contract in the
  // sandbox as they were serialised); a replayed batch decodes them again.
  const figures = withLinksChecked(jsonElements(s.figures) as Iterable<Figure>);
  const doc = insertDocumentRows(db, r.file, { document: s.document, blocks: s.blocks, warnings: s.warnings, ocr: s.ocr, figures }, versions, at, !!uncounted);
  uncounted?.push(doc.id);
  recordName(db, doc.id, r.file, at);
  if (s.findings) saveDocumentFindings(db, doc.id, s.findings, doc.figureIds, at);
  const warnings = s.warnings?.length ? { warnings: s.warnings } : {};
  return { file: r.file, status: 'ingested', documentId: doc.id, version: doc.version, figures: s.figureCount, bytes: r.bytes, ...warnings };
}

/** One transaction, one savepoint per document: a document that fails to store fails alone. */
export function writeBatch(db: Db, batch: Ready[], versions: Versions): IngestOutcome[] {
  const at = new Date().toISOString();
  return db.transaction(() =>
    batch.map((r): IngestOutcome => {
      try {
        return db.transaction(() => writeDocument(db, r, versions, at))();
      } catch (e) {
        return { file: r.file, status: 'failed', reason: reasonOf(e) };
      }
    }),
  ).immediate();
}

/** Known bytes: the name is recorded beside the first and now holds them; 'ingested' (restored)
 *  when that made them current again. */
export function knownBytes(db: Db, file: string, documentId: number, bytes: number): IngestOutcome {
  const at = new Date().toISOString();
  recordName(db, documentId, file, at);
  const first = db.prepare('SELECT s.uri, d.version FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.id = ?').get(documentId) as { uri: string; version: number };
  if (pointName(db, file, documentId, at)) {
    const figures = db.prepare('SELECT count(*) FROM figures WHERE document_id = ?').pluck().get(documentId) as number;
    return { file, status: 'ingested', documentId, version: first.version, figures, bytes, restored: true };
  }
  return { file, status: 'unchanged', documentId, bytes, firstName: first.uri === file ? null : first.uri };
}

/** The links the database checks only at the batch's commit (deferred foreign keys), checked per
 *  document, so that a broken one fails its document and not the whole batch: the figures as they
 *  come, then (once all have come, so they need not be held) a throw if one links to a figure the
 *  document does not have; the caller's transaction then undoes them. */
export function* withLinksChecked(figures: Iterable<Figure>): Generator<Figure> {
  const ids = new Set<string>();
  const links: [from: string, field: string, to: string][] = [];
  for (const f of figures) {
    ids.add(f.id);
    for (const [field, to] of [['rateOf', f.rateOf], ['partOf', f.partOf]] as const) if (to !== null) links.push([f.id, field, to]);
    yield f;
  }
  for (const [from, field, to] of links) if (!ids.has(to)) throw new Error(`extractor output links figure ${from} (${field}) to ${to}, which the document does not have`);
}

/** One line for the summary: the input's fault as the parser says it, anything else briefly. */
export function reasonOf(e: unknown): string {
  if (e instanceof InputError) return e.reason;
  if (e instanceof ZodError) {
    const issue = e.issues[0];
    return `extractor output breaks the contract at ${issue?.path.join('.')}: ${issue?.message}`;
  }
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
