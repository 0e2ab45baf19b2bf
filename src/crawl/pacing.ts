// How long to wait: between two requests to one host, after a 429/5xx (exponential backoff with
// jitter, or the server's Retry-After), and the durations people write on the command line.

/** Longest wait a server's Retry-After can impose on a run; beyond it the page waits for a later run. */
export const MAX_RETRY_AFTER_MS = 6 * 3600_000;

/** base·2^(tries-1), capped, times a jitter in [0.5, 1.5) so many crawlers never retry in step. */
export function backoffMs(tries: number, baseMs: number, random: () => number = Math.random, capMs = 3600_000): number {
  return Math.round(Math.min(capMs, baseMs * 2 ** Math.max(0, tries - 1)) * (0.5 + random()));
}

/** Retry-After as seconds or an HTTP date, in ms from `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: number): number | null {
  if (!header) return null;
  const s = header.trim();
  if (/^\d+$/.test(s)) return Math.min(MAX_RETRY_AFTER_MS, Number(s) * 1000);
  const at = Date.parse(s);
  return Number.isNaN(at) ? null : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - now));
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 };

/** "6h", "30m", "90s", "2d", "500ms", "1h30m" -> milliseconds; null if unreadable. */
export function parseDuration(s: string): number | null {
  const parts = [...s.trim().matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== s.trim()) return /^0$/.test(s.trim()) ? 0 : null;
  return parts.reduce((ms, p) => ms + Number(p[1]) * UNITS[p[2]], 0);
}

/** --since: a date (YYYY-MM-DD) or a duration back from now ("7d"); as YYYY-MM-DD. */
export function parseSince(s: string, now: number): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s))) return s;
  const back = parseDuration(s);
  return back === null ? null : new Date(now - back).toISOString().slice(0, 10);
}

/** When each host may next be asked: one request at a time per host, `delay` apart. */
export class HostClock {
  private readonly next = new Map<string, number>();

  readyAt(host: string): number {
    return this.next.get(host) ?? 0;
  }

  /** After a request to `host`: not again for `delayMs`, nor before `notBefore` (Retry-After). */
  used(host: string, now: number, delayMs: number, notBefore = 0): void {
    this.next.set(host, Math.max(now + delayMs, notBefore, this.readyAt(host)));
  }
}
