// Site profiles (patterns/sites.json): where a site's articles are listed, which links are articles,
// where the text and date stand, how fast to go. `article`/`skip` are also read by the HTML parser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PATTERNS_DIR } from '../patterns/dir.ts';

export const SiteProfileSchema = z.object({
  host: z.string().min(1),
  name: z.string().optional(),
  province: z.string().optional(),
  /** Section listings, RSS/Atom feeds or sitemaps; which one is told by the answer, not the URL. */
  start: z.array(z.string().url()).default([]),
  /** Regular expressions on a link's path and query: a match is an article page. */
  articleLinks: z.array(z.string()).default([]),
  /** A listing's link to its next page, followed up to `maxListingPages`. */
  next: z.string().optional(),
  maxListingPages: z.number().int().min(1).default(3),
  article: z.string().optional(),
  skip: z.array(z.string()).optional(),
  /** Where the article's date line stands, when the page has no date meta tag. */
  date: z.string().optional(),
  /** Milliseconds between two requests to the site (robots.txt Crawl-delay can only raise it). */
  delayMs: z.number().int().min(0).default(3000),
  example: z.string().optional(),
  listingExample: z.string().optional(),
});
export type SiteProfile = z.infer<typeof SiteProfileSchema>;

const SitesFileSchema = z.object({ sites: z.array(SiteProfileSchema) });

export function loadSites(dir = PATTERNS_DIR): SiteProfile[] {
  return SitesFileSchema.parse(JSON.parse(readFileSync(join(dir, 'sites.json'), 'utf8'))).sites;
}

/** Pages of hosts no profile knows: any same-host link that looks like an article, generic main text. */
export function genericProfile(host: string): SiteProfile {
  return SiteProfileSchema.parse({ host, articleLinks: [] });
}

/** The profile for a host ("www." and subdomains match their site). */
export function profileFor(host: string, sites: readonly SiteProfile[]): SiteProfile | undefined {
  const h = host.toLowerCase().replace(/^www\./, '');
  return sites.find((s) => h === s.host || h.endsWith(`.${s.host}`));
}
