// robots.txt per origin, read once and kept for a day: allowed or not for our product token, and
// its Crawl-delay. A missing file (4xx) allows everything; an unreachable one (5xx, timeout)
// disallows everything for now, as RFC 9309 asks.
import robotsParserModule from 'robots-parser';

// The package is CommonJS (module.exports = the function) while its types declare a default export.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

export const ROBOTS_TTL_MS = 24 * 3600_000;
/** An unreachable robots.txt is asked again sooner: the refusal is the server's trouble, not its rule. */
const REFUSAL_TTL_MS = 3600_000;
/** The product token robots.txt groups are matched against. */
export const ROBOTS_AGENT = 'solieu';

export interface RobotsRules {
  allowed(url: string): boolean;
  /** Crawl-delay in ms, if the file sets one for us or for "*". */
  delayMs: number | null;
  /** Why everything is refused (unreachable file), for the run summary. */
  refusedBecause: string | null;
}

export type RobotsAnswer = { status: number; body: string } | { error: string };

export function rulesFrom(robotsUrl: string, answer: RobotsAnswer): RobotsRules {
  if ('error' in answer) return refuseAll(`robots.txt unreachable (${answer.error})`);
  if (answer.status >= 500 || answer.status === 429) return refuseAll(`robots.txt answered HTTP ${answer.status}`);
  if (answer.status < 200 || answer.status >= 300) return { allowed: () => true, delayMs: null, refusedBecause: null };
  const robot = robotsParser(robotsUrl, answer.body);
  const delay = robot.getCrawlDelay(ROBOTS_AGENT);
  return { allowed: (url) => robot.isAllowed(url, ROBOTS_AGENT) !== false, delayMs: delay === undefined ? null : delay * 1000, refusedBecause: null };
}

function refuseAll(reason: string): RobotsRules {
  return { allowed: () => false, delayMs: null, refusedBecause: reason };
}

/** Rules per origin; `load` fetches robots.txt (through the safe fetcher, paced like any page). */
export class RobotsCache {
  private readonly byOrigin = new Map<string, { rules: RobotsRules; at: number }>();

  constructor(private readonly load: (robotsUrl: string) => Promise<RobotsAnswer>) {}

  async rules(url: string, now = Date.now()): Promise<RobotsRules> {
    const origin = new URL(url).origin;
    const kept = this.byOrigin.get(origin);
    if (kept && now - kept.at < ttl(kept.rules)) return kept.rules;
    const robotsUrl = `${origin}/robots.txt`;
    const rules = rulesFrom(robotsUrl, await this.load(robotsUrl));
    this.byOrigin.set(origin, { rules, at: now });
    return rules;
  }

  /** Known without a request (the loop asks before pacing the fetch of robots.txt itself). */
  has(url: string, now = Date.now()): boolean {
    const kept = this.byOrigin.get(new URL(url).origin);
    return kept !== undefined && now - kept.at < ttl(kept.rules);
  }
}

const ttl = (rules: RobotsRules) => (rules.refusedBecause ? REFUSAL_TTL_MS : ROBOTS_TTL_MS);
