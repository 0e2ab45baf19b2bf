// Crawl runs: the lock that keeps two runs apart (a row with the holder's pid and a heartbeat),
// and each run's summary, stored as it goes so a killed run still shows what it did.
import { z } from 'zod';
import type { Db } from '../store/db.ts';

export const RunSummarySchema = z.object({
  fetched: z.number().int(),
  new: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  notModified: z.number().int(),
  skippedRobots: z.number().int(),
  skippedOld: z.number().int(),
  failed: z.number().int(),
  retryLater: z.number().int(),
  budgetReached: z.boolean(),
  failures: z.array(z.object({ url: z.string(), reason: z.string() })),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

/** Failures kept per run (the count goes on past it). */
const KEPT_FAILURES = 100;
/** A lock whose holder has not beaten for this long is taken over even if its pid is alive (reused pid). */
export const STALE_LOCK_MS = 30 * 60_000;

export function emptySummary(): RunSummary {
  return { fetched: 0, new: 0, changed: 0, unchanged: 0, notModified: 0, skippedRobots: 0, skippedOld: 0, failed: 0, retryLater: 0, budgetReached: false, failures: [] };
}

export function addFailure(s: RunSummary, url: string, reason: string): void {
  s.failed++;
  if (s.failures.length < KEPT_FAILURES) s.failures.push({ url, reason });
}

export interface RunRow {
  id: number;
  pid: number;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'done' | 'stopped' | 'interrupted';
  summary: RunSummary;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export type LockResult = { ok: true; runId: number } | { ok: false; holder: { pid: number; since: string } };

/** Takes the lock and opens a run, or says who holds it. A dead or silent holder's run is marked interrupted. */
export function startRun(db: Db, now = Date.now()): LockResult {
  return db.transaction((): LockResult => {
    const held = db.prepare('SELECT pid, run_id, beat_at FROM crawl_lock WHERE id = 1').get() as { pid: number; run_id: number; beat_at: string } | undefined;
    if (held) {
      const fresh = now - Date.parse(held.beat_at) < STALE_LOCK_MS;
      if (fresh && alive(held.pid)) {
        const since = (db.prepare('SELECT started_at FROM crawl_runs WHERE id = ?').get(held.run_id) as { started_at: string } | undefined)?.started_at ?? held.beat_at;
        return { ok: false, holder: { pid: held.pid, since } };
      }
      db.prepare(`UPDATE crawl_runs SET status = 'interrupted' WHERE id = ? AND status = 'running'`).run(held.run_id);
    }
    const at = new Date(now).toISOString();
    const runId = Number(db.prepare(`INSERT INTO crawl_runs (pid, started_at, status, summary) VALUES (?, ?, 'running', ?)`).run(process.pid, at, JSON.stringify(emptySummary())).lastInsertRowid);
    db.prepare('INSERT INTO crawl_lock (id, pid, run_id, beat_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, run_id = excluded.run_id, beat_at = excluded.beat_at').run(process.pid, runId, at);
    return { ok: true, runId };
  }).immediate();
}

/** Stores the summary so far and refreshes the lock's heartbeat (inside the article's transaction). */
export function beat(db: Db, runId: number, summary: RunSummary, now = Date.now()): void {
  db.prepare('UPDATE crawl_runs SET summary = ? WHERE id = ?').run(JSON.stringify(summary), runId);
  db.prepare('UPDATE crawl_lock SET beat_at = ? WHERE id = 1 AND run_id = ?').run(new Date(now).toISOString(), runId);
}

export function finishRun(db: Db, runId: number, summary: RunSummary, status: 'done' | 'stopped', now = Date.now()): void {
  db.transaction(() => {
    db.prepare('UPDATE crawl_runs SET summary = ?, status = ?, finished_at = ? WHERE id = ?').run(JSON.stringify(summary), status, new Date(now).toISOString(), runId);
    db.prepare('DELETE FROM crawl_lock WHERE id = 1 AND run_id = ?').run(runId);
  }).immediate();
}

export function recentRuns(db: Db, limit: number): RunRow[] {
  const rows = db.prepare('SELECT * FROM crawl_runs ORDER BY id DESC LIMIT ?').all(limit) as (Omit<RunRow, 'summary'> & { summary: string })[];
  return rows.map((r) => ({ ...r, summary: RunSummarySchema.parse(JSON.parse(r.summary)) }));
}
