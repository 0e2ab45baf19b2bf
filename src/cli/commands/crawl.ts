// `solieu crawl --once | --every 6h | --status`: crawl the site profiles (or the start pages given)
// into the store, politely and incrementally; show stored run summaries.
import { openDb, openStore, resolveDbPath } from '../../store/db.ts';
import { argsOrUsage } from '../../store/args.ts';
import { renderTable } from '../../store/table.ts';
import { crawlRun, type CrawlEvent, type CrawlOptions } from '../../crawl/crawler.ts';
import { loadSites, SiteProfileSchema } from '../../crawl/sites.ts';
import { parseDuration, parseSince } from '../../crawl/pacing.ts';
import { recentRuns, type RunSummary } from '../../crawl/runs.ts';
import { frontierCounts } from '../../crawl/frontier.ts';
import { isUrl } from '../../sources/read.ts';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const USAGE = `usage: solieu crawl --once [options] [<start URL>…]     one run (for cron / systemd timers)
       solieu crawl --every 6h [options] [<start URL>…] a run every interval until stopped
       solieu crawl --status [--db PATH] [--json]       stored run summaries and the frontier
options:
  --db PATH            the store (default ./solieu.sqlite or $SOLIEU_DB)
  --contact EMAIL|URL  who to reach, sent in the User-Agent (or $SOLIEU_CONTACT; required)
  --sites FILE         site profiles (default patterns/sites.json)
  --since DATE|7d      store only articles published on or after this day
  --budget N           requests per run (default 500)
  --delay MS           wait between two requests to one host (default: the site's, 3000)
  --timeout S          per-page time limit for headers and body pauses (default 30)
  --revisit 3d         how long a stored article rests before it is asked again (default 3d)
  --retries N          attempts after a 429/5xx or network failure (default 3)
  --allow-private      fetch from private, loopback and link-local addresses
  --log-json           one JSON line per event on stdout
`;

export async function run(argv: string[]): Promise<number> {
  const args = argsOrUsage(
    {
      args: argv,
      options: {
        once: { type: 'boolean' },
        every: { type: 'string' },
        status: { type: 'boolean' },
        json: { type: 'boolean' },
        db: { type: 'string' },
        contact: { type: 'string' },
        sites: { type: 'string' },
        since: { type: 'string' },
        budget: { type: 'string' },
        delay: { type: 'string' },
        timeout: { type: 'string' },
        revisit: { type: 'string' },
        retries: { type: 'string' },
        'allow-private': { type: 'boolean' },
        'log-json': { type: 'boolean' },
      },
      allowPositionals: true,
    },
    'crawl',
    USAGE,
  );
  if (!args) return 2;
  const { values: v, positionals } = args;
  const modes = [v.once, v.every !== undefined, v.status].filter(Boolean).length;
  if (modes !== 1) return usage('give exactly one of --once, --every or --status');
  const dbPath = resolveDbPath(v.db);
  if (v.status) return status(dbPath, v.json ?? false);

  const bad = positionals.find((p) => !isUrl(p));
  if (bad) return usage(`'${bad}' is not an http(s) start URL`);
  const contact = v.contact ?? process.env.SOLIEU_CONTACT;
  if (!contact) return usage('say who runs this crawl: --contact EMAIL|URL or SOLIEU_CONTACT (sites see it in the User-Agent)');
  const num = (s: string | undefined, d: number) => (s === undefined ? d : /^\d+$/.test(s) ? Number(s) : NaN);
  const since = v.since === undefined ? null : parseSince(v.since, Date.now());
  const every = v.every === undefined ? null : parseDuration(v.every);
  const revisit = parseDuration(v.revisit ?? '3d');
  const numbers = { budget: num(v.budget, 500), delay: num(v.delay, -1), timeout: num(v.timeout, 30), retries: num(v.retries, 3) };
  const badNumber = Object.entries(numbers).find(([, n]) => Number.isNaN(n));
  if (badNumber) return usage(`--${badNumber[0]} takes a whole number`);
  if (v.since !== undefined && since === null) return usage(`--since takes a date (2024-05-01) or a duration back from now (7d), not '${v.since}'`);
  if (v.every !== undefined && !every) return usage(`--every takes a duration (6h, 30m), not '${v.every}'`);
  if (revisit === null) return usage(`--revisit takes a duration (3d, 12h, 0), not '${v.revisit}'`);

  let sites;
  try {
    sites = v.sites ? z.object({ sites: z.array(SiteProfileSchema) }).parse(JSON.parse(readFileSync(v.sites, 'utf8'))).sites : loadSites();
  } catch (e) {
    process.stderr.write(`solieu crawl: ${v.sites ?? 'patterns/sites.json'}: not a valid site list (${(e as Error).message.split('\n')[0]})\n`);
    return 1;
  }
  const log = v['log-json'] ? jsonLog : humanLog;
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const options: CrawlOptions = {
    sites,
    starts: positionals,
    allowPrivate: v['allow-private'] ?? false,
    userAgent: `solieu/0.1 (+${contact})`,
    since,
    budget: numbers.budget,
    delayMs: numbers.delay >= 0 ? numbers.delay : null,
    timeoutMs: numbers.timeout * 1000,
    revisitMs: revisit,
    retries: numbers.retries,
    maxWaitMs: 5 * 60_000,
    log,
    signal: stop.signal,
  };
  const db = openDb(dbPath);
  try {
    for (;;) {
      const result = await crawlRun(db, options);
      if (!result.ok) {
        process.stderr.write(`solieu crawl: another crawl (pid ${result.holder.pid}, since ${result.holder.since}) is running on ${dbPath}; this run is skipped\n`);
        if (!every) return 3;
      } else if (!v['log-json']) process.stdout.write(`${dbPath}: run ${result.runId}${result.stopped ? ' (stopped)' : ''}: ${describe(result.summary)}\n`);
      // Pages failing is a crawl's weather; reaching nothing at all is for the person to fix.
      const reachedNothing = result.ok && result.summary.fetched === 0 && result.summary.failed > 0;
      if (!every || stop.signal.aborted) return reachedNothing ? 1 : 0;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, every);
        stop.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
      });
      if (stop.signal.aborted) return 0;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    db.close();
  }
}

function usage(problem: string): number {
  process.stderr.write(`solieu crawl: ${problem}\n${USAGE}`);
  return 2;
}

function jsonLog(e: CrawlEvent): void {
  process.stdout.write(JSON.stringify({ t: new Date().toISOString(), ...e }) + '\n');
}

/** People see failures as they happen (one line each) and the summary at the end. */
function humanLog(e: CrawlEvent): void {
  if (e.event === 'failed') process.stderr.write(`solieu crawl: ${e.url}: ${String(e.reason)}\n`);
}

export function describe(s: RunSummary): string {
  return [
    `fetched ${s.fetched}`,
    `new ${s.new}`,
    `changed ${s.changed}`,
    `unchanged ${s.unchanged + s.notModified} (${s.notModified} not modified)`,
    `skipped by robots ${s.skippedRobots}`,
    `older than --since ${s.skippedOld}`,
    `failed ${s.failed}`,
    `retry later ${s.retryLater}`,
  ].join(', ') + (s.budgetReached ? '; budget reached' : '');
}

function status(dbPath: string, json: boolean): number {
  const db = openStore(dbPath, 'read');
  try {
    const runs = recentRuns(db, 10);
    const frontier = frontierCounts(db);
    if (json) {
      process.stdout.write(JSON.stringify({ runs, frontier }, null, 2) + '\n');
      return 0;
    }
    if (!runs.length) {
      process.stdout.write(`${dbPath}: no crawl has run yet (solieu crawl --once)\n`);
      return 0;
    }
    const rows = runs.map((r) => {
      const s = r.summary;
      return [String(r.id), r.started_at.slice(0, 19).replace('T', ' '), r.status, String(s.fetched), String(s.new), String(s.changed), String(s.unchanged + s.notModified), String(s.skippedRobots), String(s.failed)];
    });
    const out = [renderTable(['run', 'started (UTC)', 'status', 'fetched', 'new', 'changed', 'unchanged', 'robots', 'failed'], rows).trimEnd()];
    const last = runs[0];
    if (last.summary.failures.length) {
      out.push('', `Failures in run ${last.id}:`);
      for (const f of last.summary.failures) out.push(`  ${f.url}: ${f.reason}`);
    }
    out.push('', 'Frontier: ' + frontier.map((f) => `${f.kind} ${f.state} ${f.n}`).join(', '));
    process.stdout.write(out.join('\n') + '\n');
    return 0;
  } finally {
    db.close();
  }
}
