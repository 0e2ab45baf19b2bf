// The frontier: every URL the crawler knows, in the store's SQLite file, with what happened last
// and when it is due again. Each function is one statement (the caller owns the transaction).
import type { Db } from '../store/db.ts';
import type { Found } from './discover.ts';

export type FrontierKind = 'start' | Found['kind'];
export type FrontierState = 'pending' | 'done' | 'failed' | 'robots' | 'old' | 'gone';

export interface FrontierRow {
  url: string;
  host: string;
  kind: FrontierKind;
  state: FrontierState;
  next_try: string | null;
  tries: number;
  etag: string | null;
  last_modified: string | null;
  content_hash: string | null;
  hinted: string | null;
  document_id: number | null;
  fetched_at: string | null;
  run_id: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Records a URL seen on a start page (or given as one). New URLs are due now. Hubs are read once
 * per run, so one not yet read in this run is due again; an article whose feed or sitemap date is
 * newer than our copy is due again (it changed).
 */
export function remember(db: Db, url: string, kind: FrontierKind, hinted: string | null, runId: number, now: number): void {
  db.prepare(
    `INSERT INTO crawl_frontier (url, host, kind, state, next_try, hinted, first_seen)
     VALUES (@url, @host, @kind, 'pending', @now, @hinted, @now)
     ON CONFLICT (url) DO UPDATE SET
       hinted = coalesce(excluded.hinted, hinted),
       kind = CASE WHEN kind = 'start' THEN kind ELSE excluded.kind END,
       next_try = CASE
         WHEN excluded.kind <> 'article' AND coalesce(run_id, -1) <> @run THEN @now
         WHEN excluded.kind = 'article' AND state = 'done' AND excluded.hinted IS NOT NULL
              AND excluded.hinted > substr(fetched_at, 1, 10) THEN @now
         ELSE next_try END`,
  ).run({ url, host: new URL(url).host, kind, hinted, now: iso(now), run: runId });
}

/** Due URLs, start pages and hubs first, then articles in the order they were found; one visit per run except retries. */
export function dueRows(db: Db, now: number, runId: number, limit = 200): FrontierRow[] {
  return db
    .prepare(
      `SELECT * FROM crawl_frontier WHERE next_try IS NOT NULL AND next_try <= ? AND NOT (coalesce(run_id, -1) = ? AND state <> 'pending')
       ORDER BY kind = 'article', next_try, rowid LIMIT ?`,
    )
    .all(iso(now), runId, limit) as FrontierRow[];
}

/** When the next pending URL (a retry after backoff) is due, if any. */
export function nextPendingAt(db: Db): number | null {
  const row = db.prepare(`SELECT min(next_try) AS t FROM crawl_frontier WHERE state = 'pending'`).get() as { t: string | null };
  return row.t ? Date.parse(row.t) : null;
}

export interface Outcome {
  state: FrontierState;
  nextTry: number | null;
  status?: number | null;
  error?: string | null;
  tries?: number;
  etag?: string | null;
  lastModified?: string | null;
  contentHash?: string | null;
  documentId?: number | null;
}

/** What happened to one URL; fields left undefined keep their stored value. */
export function settle(db: Db, url: string, o: Outcome, runId: number, now: number): void {
  db.prepare(
    `UPDATE crawl_frontier SET state = @state, next_try = @next, last_status = coalesce(@status, last_status),
       last_error = @error, tries = coalesce(@tries, tries), etag = coalesce(@etag, etag),
       last_modified = coalesce(@lastModified, last_modified), content_hash = coalesce(@contentHash, content_hash),
       document_id = coalesce(@documentId, document_id), fetched_at = @now, run_id = @run
     WHERE url = @url`,
  ).run({
    url,
    state: o.state,
    next: o.nextTry === null ? null : iso(o.nextTry),
    status: o.status ?? null,
    error: o.error ?? null,
    tries: o.tries ?? null,
    etag: o.etag ?? null,
    lastModified: o.lastModified ?? null,
    contentHash: o.contentHash ?? null,
    documentId: o.documentId ?? null,
    now: iso(now),
    run: runId,
  });
}

export function frontierCounts(db: Db): { state: string; kind: string; n: number }[] {
  return db
    .prepare(`SELECT state, CASE WHEN kind = 'article' THEN 'article' ELSE 'start page' END AS kind, count(*) AS n FROM crawl_frontier GROUP BY 1, 2 ORDER BY 2, 1`)
    .all() as { state: string; kind: string; n: number }[];
}
