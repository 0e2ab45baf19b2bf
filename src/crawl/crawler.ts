// One crawl run: seed the start pages, then take due URLs from the frontier one at a time, never
// two requests to one host closer than its delay, robots.txt first; hubs give links, articles go
// to the store. Every page's outcome is committed with it, so a killed run resumes where it was.
import { InputError } from '../contract/errors.ts';
import type { Db } from '../store/db.ts';
import { fetchPage, FetchError, type FetchedPage, type FetchOptions } from '../sources/url.ts';
import { currentVersions } from '../store/ingest.ts';
import { auditPending } from '../store/findings.ts';
import { canonicalUrl } from './canonical.ts';
import { discover } from './discover.ts';
import { dueRows, nextPendingAt, remember, settle, type FrontierRow, type Outcome } from './frontier.ts';
import { backoffMs, HostClock, retryAfterMs } from './pacing.ts';
import { RobotsCache, type RobotsAnswer } from './robots.ts';
import { addFailure, beat, emptySummary, finishRun, startRun, type RunSummary } from './runs.ts';
import { genericProfile, profileFor, type SiteProfile } from './sites.ts';
import { prepareArticle, storeArticle, type ArticleResult } from './article.ts';
import type { SandboxLimits } from '../sandbox/index.ts';

export interface CrawlOptions {
  sites: SiteProfile[];
  /** Start pages given on the command line; none: every profile's start pages. */
  starts: string[];
  allowPrivate: FetchOptions['allowPrivate'];
  userAgent: string;
  /** Articles published before this day (YYYY-MM-DD) are not stored. */
  since: string | null;
  /** Requests per run, robots.txt included. */
  budget: number;
  /** Milliseconds between two requests to one host, instead of the profiles' (Crawl-delay still applies). */
  delayMs: number | null;
  timeoutMs: number;
  /** Largest page accepted (default: the file size cap). */
  maxBytes?: number;
  /** How long a stored article rests before it is asked again (conditionally). */
  revisitMs: number;
  /** Attempts after a 429/5xx or a network failure before the URL is given up for this cycle. */
  retries: number;
  /** Longest the run waits for a retry that is due later; beyond it the URL waits for the next run. */
  maxWaitMs: number;
  log: (event: CrawlEvent) => void;
  signal?: AbortSignal;
  /** The sandbox's caps for parsing and extracting each article (default: ingest's). */
  limits?: SandboxLimits;
}

export type CrawlEvent = { event: string; url?: string; [k: string]: unknown };

export type RunResult = { ok: true; runId: number; summary: RunSummary; stopped: boolean } | { ok: false; holder: { pid: number; since: string } };

const ROBOTS_MAX_BYTES = 512 * 1024;
/** The first backoff after a 429/5xx is this many times the host's delay (3 s delay: 30 s, 60 s, …). */
const BACKOFF_DELAYS = 10;

export async function crawlRun(db: Db, o: CrawlOptions): Promise<RunResult> {
  const lock = startRun(db);
  if (!lock.ok) return lock;
  const { runId } = lock;
  const summary = emptySummary();
  const run = new Run(db, o, runId, summary);
  o.log({ event: 'run-start', run: runId });
  try {
    await run.loop();
    // As `ingest` does: what this run stored is audited (rates, sums, across documents).
    if (run.stored.length) auditPending(db);
  } finally {
    summary.retryLater = run.retryLater();
    finishRun(db, runId, summary, o.signal?.aborted ? 'stopped' : 'done');
  }
  o.log({ event: 'run-end', run: runId, ...summary, failures: undefined });
  return { ok: true, runId, summary, stopped: o.signal?.aborted ?? false };
}

class Run {
  private readonly clock = new HostClock();
  private readonly robots: RobotsCache;
  private requests = 0;
  /** Listing pages read per site in this run (pagination stops at the profile's maxListingPages). */
  private readonly listingPages = new Map<string, number>();
  private readonly versions = currentVersions();
  /** Document versions stored in this run, for the audit at its end. */
  readonly stored: number[] = [];

  constructor(
    private readonly db: Db,
    private readonly o: CrawlOptions,
    private readonly runId: number,
    private readonly summary: RunSummary,
  ) {
    this.robots = new RobotsCache((url) => this.fetchRobots(url));
  }

  async loop(): Promise<void> {
    this.seed();
    while (!this.o.signal?.aborted) {
      if (this.requests >= this.o.budget) {
        this.summary.budgetReached = true;
        this.o.log({ event: 'budget-reached', requests: this.requests });
        return;
      }
      const now = Date.now();
      const due = dueRows(this.db, now, this.runId);
      if (due.length === 0) {
        const next = nextPendingAt(this.db);
        if (next === null || next - now > this.o.maxWaitMs) return;
        await this.sleep(next - now);
        continue;
      }
      const row = due.find((r) => this.clock.readyAt(r.host) <= now);
      if (!row) {
        await this.sleep(Math.min(...due.map((r) => this.clock.readyAt(r.host))) - now);
        continue;
      }
      try {
        await this.visit(row);
      } catch (e) {
        // One bad page never stops the run: it is recorded and the run goes on.
        const reason = `internal error (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`;
        this.fail(row, reason, { state: 'failed', nextTry: Date.now() + this.o.revisitMs });
      }
    }
  }

  /** Pending URLs left for a later run (their retry falls after this run). */
  retryLater(): number {
    const row = this.db.prepare(`SELECT count(*) AS n FROM crawl_frontier WHERE state = 'pending' AND tries > 0`).get() as { n: number };
    return row.n;
  }

  private seed(): void {
    const starts = this.o.starts.length ? this.o.starts : this.o.sites.flatMap((s) => s.start);
    const now = Date.now();
    this.db.transaction(() => {
      for (const s of starts) {
        const url = canonicalUrl(s);
        if (url) remember(this.db, url, 'start', null, this.runId, now);
      }
    })();
  }

  private profile(host: string): SiteProfile {
    return profileFor(host, this.o.sites) ?? genericProfile(host);
  }

  private delayFor(host: string, robotsDelay: number | null): number {
    return Math.max(this.o.delayMs ?? this.profile(host).delayMs, robotsDelay ?? 0);
  }

  private async visit(row: FrontierRow): Promise<void> {
    // robots.txt is a request like any other: fetched on its own turn, then the page waits its delay.
    if (!this.robots.has(row.url)) {
      try {
        const rules = await this.robots.rules(row.url);
        this.clock.used(row.host, Date.now(), this.delayFor(row.host, rules.delayMs));
      } catch (e) {
        // The host itself is refused (a private address, a bad scheme): the page fails, not robots.
        if (!(e instanceof FetchError)) throw e;
        this.fail(row, e.reason, { state: 'failed', nextTry: Date.now() + this.o.revisitMs });
      }
      return;
    }
    const rules = await this.robots.rules(row.url);
    if (!rules.allowed(row.url)) {
      this.summary.skippedRobots++;
      this.o.log({ event: 'robots', url: row.url, reason: rules.refusedBecause ?? 'disallowed by robots.txt' });
      this.write(row, { state: 'robots', nextTry: Date.now() + this.o.revisitMs, error: rules.refusedBecause ?? 'disallowed by robots.txt' });
      return;
    }
    const conditional: Record<string, string> = {};
    if (row.kind === 'article' && row.state === 'done') {
      if (row.etag) conditional['if-none-match'] = row.etag;
      if (row.last_modified) conditional['if-modified-since'] = row.last_modified;
    }
    let page: FetchedPage;
    try {
      page = await this.get(row.url, row.host, rules.delayMs, conditional);
    } catch (e) {
      if (!(e instanceof FetchError)) throw e;
      if (e.transient) return this.retry(row, e.reason, null);
      return this.fail(row, e.reason, { state: 'failed', nextTry: Date.now() + this.o.revisitMs });
    }
    this.summary.fetched++;
    const now = Date.now();
    const validators = { etag: header(page, 'etag'), lastModified: header(page, 'last-modified') };
    if (page.status === 304) {
      this.summary.notModified++;
      this.o.log({ event: 'not-modified', url: row.url });
      return this.write(row, { state: 'done', nextTry: now + this.o.revisitMs, status: 304, tries: 0, ...validators });
    }
    if (page.status === 429 || page.status >= 500) {
      const wait = retryAfterMs(header(page, 'retry-after') ?? undefined, now);
      if (wait !== null) this.clock.used(row.host, now, 0, now + wait);
      return this.retry(row, `HTTP ${page.status} ${page.statusText}`.trim(), wait, page.status);
    }
    if (page.status === 404 || page.status === 410)
      return this.fail(row, `HTTP ${page.status} ${page.statusText}`.trim(), { state: 'gone', nextTry: null, status: page.status });
    if (page.status < 200 || page.status >= 300)
      return this.fail(row, `HTTP ${page.status} ${page.statusText}`.trim(), { state: 'failed', nextTry: now + this.o.revisitMs, status: page.status });
    if (page.bytes.byteLength === 0) return this.fail(row, 'empty response', { state: 'failed', nextTry: now + this.o.revisitMs, status: page.status });
    if (row.kind === 'article') return this.article(row, page, validators);
    return this.hub(row, page);
  }

  private async get(url: string, host: string, robotsDelay: number | null, headers: Record<string, string>, maxBytes?: number): Promise<FetchedPage> {
    this.requests++;
    try {
      return await fetchPage(url, { allowPrivate: this.o.allowPrivate, userAgent: this.o.userAgent, headers, timeoutMs: this.o.timeoutMs, maxBytes: maxBytes ?? this.o.maxBytes });
    } finally {
      this.clock.used(host, Date.now(), this.delayFor(host, robotsDelay));
    }
  }

  private async fetchRobots(robotsUrl: string): Promise<RobotsAnswer> {
    const host = new URL(robotsUrl).host;
    try {
      const page = await this.get(robotsUrl, host, null, { accept: 'text/plain' }, ROBOTS_MAX_BYTES);
      return { status: page.status, body: page.bytes.toString('utf8') };
    } catch (e) {
      if (e instanceof FetchError && e.transient) return { error: e.reason };
      throw e;
    } finally {
      this.o.log({ event: 'robots-txt', url: robotsUrl });
    }
  }

  /** A start page, listing, feed or sitemap: remember what it links to. */
  private hub(row: FrontierRow, page: FetchedPage): void {
    const profile = this.profile(row.host);
    const found = discover(page.bytes, page.url, profile);
    const now = Date.now();
    let added = 0;
    this.db.transaction(() => {
      for (const link of found.links) {
        const host = new URL(link.url).host;
        if (host !== row.host && this.profile(host) !== profile) continue;
        if (link.kind === 'article' && this.o.since && link.date && link.date < this.o.since) continue;
        if (link.kind === 'listing') {
          const read = this.listingPages.get(profile.host) ?? 1;
          if (read >= profile.maxListingPages) continue;
          this.listingPages.set(profile.host, read + 1);
        }
        remember(this.db, link.url, link.kind, link.date, this.runId, now);
        added++;
      }
      this.write(row, { state: 'done', nextTry: null, status: page.status, tries: 0 });
    }).immediate();
    this.o.log({ event: 'hub', url: row.url, kind: found.kind, links: added });
  }

  private async article(row: FrontierRow, page: FetchedPage, validators: { etag: string | null; lastModified: string | null }): Promise<void> {
    const failed = (reason: string) => this.fail(row, reason, { state: 'failed', nextTry: Date.now() + this.o.revisitMs, status: page.status, ...validators });
    let prepared;
    try {
      prepared = await prepareArticle(row.url, page.bytes, this.profile(row.host), this.o.limits);
    } catch (e) {
      return failed(e instanceof InputError ? e.reason : `cannot parse (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
    }
    const now = Date.now();
    let result: ArticleResult;
    try {
      result = await storeArticle(this.db, prepared, { contentHash: row.content_hash }, this.o.since, this.versions, this.o.limits, (r) => {
        if (r.status === 'old') this.summary.skippedOld++;
        else this.summary[r.status]++;
        const base = { nextTry: now + this.o.revisitMs, status: page.status, tries: 0, ...validators };
        if (r.status === 'old') this.write(row, { ...base, state: 'old', error: `published ${r.published}, before --since` });
        else this.write(row, { ...base, state: 'done', contentHash: r.contentHash, documentId: r.documentId });
      });
    } catch (e) {
      // Extraction in the sandbox failed on the article's own account (over a cap): it fails alone.
      if (!(e instanceof InputError)) throw e;
      return failed(e.reason);
    }
    if (result.status === 'new' || result.status === 'changed') this.stored.push(result.documentId);
    this.o.log({ event: 'article', url: row.url, outcome: result.status, ...('figures' in result ? { figures: result.figures, version: result.version } : {}) });
  }

  private retry(row: FrontierRow, reason: string, waitMs: number | null, status: number | null = null): void {
    const tries = row.tries + 1;
    if (tries > this.o.retries) return this.fail(row, `${reason} (after ${tries} attempts)`, { state: 'failed', nextTry: Date.now() + this.o.revisitMs, status, tries: 0 });
    const wait = waitMs ?? backoffMs(tries, BACKOFF_DELAYS * this.delayFor(row.host, null));
    this.o.log({ event: 'retry', url: row.url, reason, inMs: wait, attempt: tries });
    this.write(row, { state: 'pending', nextTry: Date.now() + wait, status, error: reason, tries });
  }

  private fail(row: FrontierRow, reason: string, o: Outcome): void {
    addFailure(this.summary, row.url, reason);
    this.o.log({ event: 'failed', url: row.url, reason });
    this.write(row, { ...o, error: reason });
  }

  /** The frontier row and the run's summary so far, together (joins an open transaction if any). */
  private write(row: FrontierRow, o: Outcome): void {
    this.db.transaction(() => {
      settle(this.db, row.url, o, this.runId, Date.now());
      beat(this.db, this.runId, this.summary);
    })();
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.o.signal;
    return new Promise((resolve) => {
      const t = setTimeout(done, Math.max(1, ms));
      function done() {
        clearTimeout(t);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}

function header(page: FetchedPage, name: string): string | null {
  const v = page.headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}
