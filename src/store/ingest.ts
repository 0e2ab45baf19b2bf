// Ingesting files: unchanged bytes are skipped, anything else becomes a new document version.
// Files are read, parsed, extracted and audited outside any transaction, then written in batches:
// one transaction per batch (a commit per article costs more than storing it), one savepoint per
// document. A crash loses only the batch not yet committed and never leaves a document half
// written; a document that fails to store fails alone.
import { ZodError } from 'zod';
import { InputError } from '../contract/errors.ts';
import type { ExtractOutput } from '../contract/schema.ts';
import type { ParsedDocument } from '../contract/parsed.ts';
import { auditDocument, type AuditFinding } from '../audit/index.ts';
import { readSource, STDIN } from '../sources/read.ts';
import type { FetchOptions } from '../sources/url.ts';
import { EXTRACTOR_VERSION, patternsVersion } from '../extract/version.ts';
import type { Db } from './db.ts';
import { readInSandbox } from '../sandbox/index.ts';
import { auditPending, saveDocumentFindings } from './findings.ts';
import { documentIdBySha, insertDocument, makeCurrent, type Versions } from './write.ts';
import { recordName } from './names.ts';
import { isSolieuExport } from './export.ts';

export type IngestOutcome =
  | { file: string; status: 'ingested'; documentId: number; version: number; figures: number; bytes: number; warnings?: string[]; restored?: boolean }
  /** `firstName`: the name the same bytes were first stored under, when it is another. */
  | { file: string; status: 'unchanged'; documentId: number; bytes: number; firstName: string | null }
  | { file: string; status: 'failed'; reason: string };

export interface IngestOptions {
  versions?: Versions;
  /** Audit each document from its figures in memory, then what it changed across documents
   *  (and anything stored earlier without an audit). Default true. */
  audit?: boolean;
  /** For URLs: private addresses allowed, caps. */
  fetch?: FetchOptions;
  /** Called for each file once its outcome is known (after its batch is committed). */
  onOutcome?: (o: IngestOutcome) => void;
}

/** An ingest storing this many documents refreshes the planner's statistics. */
const BULK_DOCUMENTS = 100;

/** Page cache of an ingesting connection. */
const INGEST_CACHE_KB = 64 * 1024;

/** A batch is committed when it holds this many documents or is this old, whichever is first. */
const BATCH_DOCUMENTS = 100;
const BATCH_MS = 250;

/** Files read and handed to the sandbox ahead of the one being stored, so that the worker
 *  extracts while this thread stores; no more than this many, nor this many input bytes. */
const AHEAD_FILES = 16;
const AHEAD_BYTES = 64 * 2 ** 20;

export function currentVersions(): Versions {
  return { extractor: EXTRACTOR_VERSION, patterns: patternsVersion() };
}

interface Ready {
  file: string;
  bytes: number;
  sha256: string;
  parsed: ParsedDocument;
  output: ExtractOutput;
  /** Within-document findings; null when not audited. */
  findings: AuditFinding[] | null;
}

/** Bytes stored before: a restored version or the same content under a name. */
interface Known {
  file: string;
  bytes: number;
  known: number;
}

type Prepared = Ready | Known | Extract<IngestOutcome, { status: 'failed' }>;

/** One file through the whole pipeline, in its own transaction. */
export async function ingestFile(db: Db, file: string, versions: Versions = currentVersions(), opts: { audit?: boolean; fetch?: FetchOptions } = {}): Promise<IngestOutcome> {
  const ready = await prepareFile(db, file, opts.audit ?? true, opts.fetch ?? {});
  if ('status' in ready) return ready;
  return 'known' in ready ? storeKnown(db, ready) : writeBatch(db, [ready], versions)[0];
}

/** Files in order, batched; returns each file's outcome. */
export async function ingestFiles(db: Db, files: string[], opts: IngestOptions = {}): Promise<IngestOutcome[]> {
  const versions = opts.versions ?? currentVersions();
  const audit = opts.audit ?? true;
  // Every figure updates a dozen indexes: keep their pages in memory rather than the default 2 MB.
  db.pragma(`cache_size = ${-INGEST_CACHE_KB}`);
  const outcomes: IngestOutcome[] = [];
  const report = (o: IngestOutcome) => {
    outcomes.push(o);
    opts.onOutcome?.(o);
  };
  const batch = new Batch(db, versions, report);
  const ahead: { file: string; prepared: Promise<Prepared>; bytes: number }[] = [];
  let next = 0;
  const readAhead = () => {
    while (next < files.length && ahead.length < AHEAD_FILES && ahead.reduce((n, a) => n + a.bytes, 0) < AHEAD_BYTES) {
      const item = { file: files[next++], prepared: null as unknown as Promise<Prepared>, bytes: 0 };
      item.prepared = prepareFile(db, item.file, audit, opts.fetch ?? {}).then((p) => ((item.bytes = 'bytes' in p ? p.bytes : 0), p));
      ahead.push(item);
    }
  };
  try {
    for (readAhead(); ahead.length; readAhead()) {
      const item = ahead[0];
      // The batch's transaction stays open no longer than BATCH_MS, however long a document takes.
      const p = await batch.commitIfWaiting(item.prepared);
      ahead.shift();
      if ('status' in p || 'known' in p) {
        // Failures and known bytes are settled now, after what came before them: file order.
        batch.commit();
        report('status' in p ? p : storeKnown(db, p));
      } else batch.add(p);
    }
    batch.commit();
  } finally {
    batch.rollback();
  }
  if (audit && outcomes.some((o) => o.status === 'ingested')) auditPending(db);
  if (outcomes.filter((o) => o.status === 'ingested').length >= BULK_DOCUMENTS) refreshStatistics(db);
  return outcomes;
}

/**
 * Documents written one by one into an open transaction, committed every BATCH_DOCUMENTS or
 * BATCH_MS: storing overlaps the sandbox's extraction of the next files, and a savepoint per
 * document (which makes FTS5 write a segment per document) is paid only when one fails: then the
 * batch is rolled back and written again with one savepoint per document, so the failing one
 * fails alone. Outcomes are reported after their commit.
 */
class Batch {
  private docs: Ready[] = [];
  private written: IngestOutcome[] = [];
  private opened = 0;
  private at = '';

  constructor(
    private readonly db: Db,
    private readonly versions: Versions,
    private readonly report: (o: IngestOutcome) => void,
  ) {}

  add(r: Ready): void {
    if (!this.docs.length) {
      this.db.prepare('BEGIN IMMEDIATE').run();
      this.opened = performance.now();
      this.at = new Date().toISOString();
    }
    this.docs.push(r);
    if (this.written.length === this.docs.length - 1) {
      try {
        this.written.push(writeDocument(this.db, r, this.versions, this.at));
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
    if (outcomes.length === this.docs.length) this.db.prepare('COMMIT').run();
    else {
      this.db.prepare('ROLLBACK').run();
      outcomes = writeBatch(this.db, this.docs, this.versions);
    }
    this.docs = [];
    this.written = [];
    outcomes.forEach(this.report);
  }

  /** After an error: nothing half-committed stays open. */
  rollback(): void {
    if (this.db.inTransaction) this.db.prepare('ROLLBACK').run();
  }
}

/** ANALYZE on a sample of each index (milliseconds, whatever the store's size). */
export function refreshStatistics(db: Db): void {
  db.pragma('analysis_limit = 1000');
  db.exec('ANALYZE');
}

/** Reads, and parses and extracts what is new; writes nothing (files ahead of the one being
 *  stored are prepared while it is). */
async function prepareFile(db: Db, file: string, audit: boolean, fetchOptions: FetchOptions): Promise<Prepared> {
  try {
    const src = await readSource(file, fetchOptions);
    if (file === STDIN) file = `stdin:${src.sha256.slice(0, 12)}`;
    const bytes = src.bytes.byteLength;
    const known = documentIdBySha(db, src.sha256);
    if (known !== null) return { file, bytes, known };
    if (isSolieuExport(src.bytes)) throw new InputError(file, "is a solieu export (figures, not a report); ingest the documents it came from instead");
    // Parsed and extracted in the sandbox worker, under its caps (time, memory, output).
    const { parsed, output } = await readInSandbox(src.bytes, src.name, src.sha256);
    const findings = audit ? auditDocument(output.figures, output.document.text) : null;
    return { file, bytes, sha256: src.sha256, parsed, output, findings };
  } catch (e) {
    return { file, status: 'failed', reason: reasonOf(e) };
  }
}

/** Bytes seen before as an older version of this file: the content last seen is current again;
 *  otherwise the name is recorded beside the first. */
function storeKnown(db: Db, k: Known): IngestOutcome {
  const restored = db.transaction(() => makeCurrent(db, k.file, k.known)).immediate();
  if (restored) return { file: k.file, status: 'ingested', documentId: k.known, ...restored, bytes: k.bytes, restored: true };
  return unchanged(db, k.file, k.known, k.bytes);
}

/** Writes one document inside the caller's transaction; throws what stops it. */
function writeDocument(db: Db, r: Ready, versions: Versions, at: string): IngestOutcome {
  // Another process (or an earlier file of this batch) may have stored the same bytes.
  const raced = documentIdBySha(db, r.sha256);
  if (raced !== null) return unchanged(db, r.file, raced, r.bytes);
  checkLinks(r.output);
  const doc = insertDocument(db, r.file, r.parsed, r.output, versions, at);
  recordName(db, doc.id, r.file, at);
  if (r.findings) saveDocumentFindings(db, doc.id, r.findings, doc.figureIds, at);
  const warnings = r.output.warnings?.length ? { warnings: r.output.warnings } : {};
  return { file: r.file, status: 'ingested', documentId: doc.id, version: doc.version, figures: r.output.figures.length, bytes: r.bytes, ...warnings };
}

/** One transaction, one savepoint per document: a document that fails to store fails alone. */
function writeBatch(db: Db, batch: Ready[], versions: Versions): IngestOutcome[] {
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

/** Known bytes: the new name is recorded beside the first. */
function unchanged(db: Db, file: string, documentId: number, bytes: number): IngestOutcome {
  recordName(db, documentId, file, new Date().toISOString());
  const first = db.prepare('SELECT s.uri FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.id = ?').pluck().get(documentId) as string;
  return { file, status: 'unchanged', documentId, bytes, firstName: first === file ? null : first };
}

/** The links the database checks only at the batch's commit (deferred foreign keys), checked per
 *  document, so that a broken one fails its document and not the whole batch. */
export function checkLinks(output: ExtractOutput): void {
  const ids = new Set(output.figures.map((f) => f.id));
  for (const f of output.figures)
    for (const [field, to] of [['rateOf', f.rateOf], ['partOf', f.partOf]] as const)
      if (to !== null && !ids.has(to)) throw new Error(`extractor output links figure ${f.id} (${field}) to ${to}, which the document does not have`);
}

/** One line for the summary: the input's fault as the parser says it, anything else briefly. */
function reasonOf(e: unknown): string {
  if (e instanceof InputError) return e.reason;
  if (e instanceof ZodError) {
    const issue = e.issues[0];
    return `extractor output breaks the contract at ${issue?.path.join('.')}: ${issue?.message}`;
  }
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
