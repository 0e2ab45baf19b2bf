// One spelling per page, so the frontier never holds the same article twice: absolute, http(s),
// no credentials, no fragment, lower-case host and no default port (URL does both), tracking
// parameters dropped, the rest of the query sorted.
const TRACKING = /^(utm_\w+|fbclid|gclid|zarsrc|_ga|mc_cid|mc_eid|ref|src)$/i;

export function canonicalUrl(href: string, base?: string): string | null {
  let u: URL;
  try {
    u = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.username = '';
  u.password = '';
  u.hash = '';
  const params = [...u.searchParams].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  u.search = new URLSearchParams(params).toString();
  return u.href;
}
