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
import { documentIdBySha, insertDocument, type Versions } from './write.ts';
import { pointName, recordName } from './names.ts';
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

/** One file through the whole pipeline, in its own transaction. */
export async function ingestFile(db: Db, file: string, versions: Versions = currentVersions(), opts: { audit?: boolean; fetch?: FetchOptions } = {}): Promise<IngestOutcome> {
  const ready = await prepareFile(db, file, opts.audit ?? true, opts.fetch ?? {});
  return 'status' in ready ? ready : writeBatch(db, [ready], versions)[0];
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
  let batch: Ready[] = [];
  let started = performance.now();
  const flush = () => {
    if (batch.length) writeBatch(db, batch, versions).forEach(report);
    batch = [];
    started = performance.now();
  };
  for (const file of files) {
    const ready = await prepareFile(db, file, audit, opts.fetch ?? {});
    if ('status' in ready) {
      // Failures and skips are known now; keep the outcomes in file order.
      flush();
      report(ready);
    } else batch.push(ready);
    if (batch.length >= BATCH_DOCUMENTS || performance.now() - started >= BATCH_MS) flush();
  }
  flush();
  if (audit && outcomes.some((o) => o.status === 'ingested')) auditPending(db);
  if (outcomes.filter((o) => o.status === 'ingested').length >= BULK_DOCUMENTS) refreshStatistics(db);
  return outcomes;
}

/** ANALYZE on a sample of each index (milliseconds, whatever the store's size). */
export function refreshStatistics(db: Db): void {
  db.pragma('analysis_limit = 1000');
  db.exec('ANALYZE');
}

async function prepareFile(db: Db, file: string, audit: boolean, fetchOptions: FetchOptions): Promise<Ready | IngestOutcome> {
  try {
    const src = await readSource(file, fetchOptions);
    if (file === STDIN) file = `stdin:${src.sha256.slice(0, 12)}`;
    const bytes = src.bytes.byteLength;
    const known = documentIdBySha(db, src.sha256);
    if (known !== null) {
      // Bytes seen before (an older version of this file, or of another): the content last seen
      // under this name is current, again or as well.
      return db.transaction(() => knownBytes(db, file, known, bytes)).immediate();
    }
    if (isSolieuExport(src.bytes)) throw new InputError(file, "is a solieu export (figures, not a report); ingest the documents it came from instead");
    // Parsed and extracted in the sandbox worker, under its caps (time, memory, output).
    const { parsed, output } = await readInSandbox(src.bytes, src.name, src.sha256);
    const findings = audit ? auditDocument(output.figures, output.document.text) : null;
    return { file, bytes, sha256: src.sha256, parsed, output, findings };
  } catch (e) {
    return { file, status: 'failed', reason: reasonOf(e) };
  }
}

function writeBatch(db: Db, batch: Ready[], versions: Versions): IngestOutcome[] {
  const at = new Date().toISOString();
  return db.transaction(() =>
    batch.map((r): IngestOutcome => {
      try {
        return db.transaction((): IngestOutcome => {
          // Another process (or an earlier file of this batch) may have stored the same bytes.
          const raced = documentIdBySha(db, r.sha256);
          if (raced !== null) return knownBytes(db, r.file, raced, r.bytes);
          checkLinks(r.output);
          const doc = insertDocument(db, r.file, r.parsed, r.output, versions, at);
          recordName(db, doc.id, r.file, at);
          if (r.findings) saveDocumentFindings(db, doc.id, r.findings, doc.figureIds, at);
          const warnings = r.output.warnings?.length ? { warnings: r.output.warnings } : {};
          return { file: r.file, status: 'ingested', documentId: doc.id, version: doc.version, figures: r.output.figures.length, bytes: r.bytes, ...warnings };
        })();
      } catch (e) {
        return { file: r.file, status: 'failed', reason: reasonOf(e) };
      }
    }),
  ).immediate();
}

/** Known bytes: the name is recorded beside the first and now holds them; 'ingested' (restored)
 *  when that made them current again. */
function knownBytes(db: Db, file: string, documentId: number, bytes: number): IngestOutcome {
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
 *  document, so that a broken one fails its document and not the whole batch. */
export function checkLinks(output: ExtractOutput): void {
  const ids = new Set(output.figures.map((f) => f.id));
  for (const f of output.figures)
    for (const [field, to] of [['rateOf', f.rateOf], ['partOf', f.partOf]] as const)
      if (to !== null && !ids.has(to)) throw new Error(`extractor output links figure ${f.id} (${field}) to ${to}, which the document does not have`);
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
