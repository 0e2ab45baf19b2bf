// Ingesting files: unchanged bytes are skipped, anything else becomes a new document version.
// Files are read, parsed, extracted (in the sandbox worker) and audited ahead of the one being
// stored, outside any transaction, then written in batches (./batch.ts): a crash loses only the
// batch not yet committed and never leaves a document half written; a document that fails to
// store fails alone.
import { InputError } from '../contract/errors.ts';
import { readSource, STDIN } from '../sources/read.ts';
import type { FetchOptions } from '../sources/url.ts';
import { EXTRACTOR_VERSION, patternsVersion } from '../extract/version.ts';
import type { Db } from './db.ts';
import { storableInSandbox } from '../sandbox/index.ts';
import { auditPending } from './findings.ts';
import { documentIdBySha, type Versions } from './write.ts';
import { isSolieuExport } from './export.ts';
import { Batch, knownBytes, reasonOf, writeBatch, type Ready } from './batch.ts';

export { reasonOf } from './batch.ts';

export type IngestOutcome =
  | { file: string; status: 'ingested'; documentId: number; version: number; figures: number; bytes: number; warnings?: string[]; restored?: boolean }
  /** `firstName`: the name the same bytes were first stored under, when it is another. */
  | { file: string; status: 'unchanged'; documentId: number; bytes: number; firstName: string | null }
  | { file: string; status: 'failed'; reason: string };

export interface IngestOptions {
  versions?: Versions;
  /** Audit each document (its own figures in the sandbox as it is read), then what it changed across documents
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

/** WAL pages an ingest lets pile up before copying them into the database (SQLite's default:
 *  1,000, which every batch's commit passed, so each commit copied the pages it dirtied in every
 *  index). Copied every ~80 MB, a page dirtied by several batches is copied once: the bench's
 *  46,690 figures and their citations inserted into a copy of its store, 3.7 -> 2.7 s. Durability
 *  is the WAL's either way; the last pages are copied when the ingest ends. */
const INGEST_CHECKPOINT_PAGES = 20_000;

/** Files read and handed to the sandbox ahead of the one being stored, so that the worker
 *  extracts while this thread stores; no more than this many, nor this many input bytes. The
 *  worker, faster than this thread on small articles, runs dry and is woken once per handful sent
 *  together (../sandbox/pool.ts): 32 ahead halve those wake-ups (and this thread's waits) of 16. */
const AHEAD_FILES = 32;
const AHEAD_BYTES = 64 * 2 ** 20;

export function currentVersions(): Versions {
  return { extractor: EXTRACTOR_VERSION, patterns: patternsVersion() };
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
  const checkpointPages = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${INGEST_CHECKPOINT_PAGES}`);
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
      item.prepared = prepareFile(db, item.file, audit, opts.fetch ?? {}, (id) => batch.isCommitted(id)).then((p) => ((item.bytes = 'bytes' in p ? p.bytes : 0), p));
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
    db.pragma(`wal_autocheckpoint = ${checkpointPages}`);
    db.pragma('wal_checkpoint(PASSIVE)');
  }
  if (audit && outcomes.some((o) => o.status === 'ingested')) auditPending(db);
  if (outcomes.filter((o) => o.status === 'ingested').length >= BULK_DOCUMENTS) refreshStatistics(db);
  return outcomes;
}

/** ANALYZE on a sample of each index (milliseconds, whatever the store's size). */
export function refreshStatistics(db: Db): void {
  db.pragma('analysis_limit = 1000');
  db.exec('ANALYZE');
}

/** Reads, and parses and extracts what is new; writes nothing (files ahead of the one being
 *  stored are prepared while it is). */
async function prepareFile(db: Db, file: string, audit: boolean, fetchOptions: FetchOptions, committed = (_id: number) => true): Promise<Prepared> {
  try {
    const src = await readSource(file, fetchOptions);
    if (file === STDIN) file = `stdin:${src.sha256.slice(0, 12)}`;
    const bytes = src.bytes.byteLength;
    const known = documentIdBySha(db, src.sha256);
    if (known !== null && committed(known)) return { file, bytes, known };
    if (isSolieuExport(src.bytes)) throw new InputError(file, "is a solieu export (figures, not a report); ingest the documents it came from instead");
    // Parsed, extracted and audited in the sandbox worker, under its caps (time, memory, output).
    return { file, bytes, sha256: src.sha256, storable: await storableInSandbox(src.bytes, src.name, src.sha256, audit) };
  } catch (e) {
    return { file, status: 'failed', reason: reasonOf(e) };
  }
}

/** Bytes seen before (an older version of this file, or of another): the content last seen under
 *  this name is current, again or as well. */
function storeKnown(db: Db, k: Known): IngestOutcome {
  return db.transaction(() => knownBytes(db, k.file, k.known, k.bytes)).immediate();
}

