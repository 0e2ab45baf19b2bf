// The crawler's pure rules: one spelling per URL, what a link to an article looks like, backoff
// with jitter, Retry-After, durations and --since, robots.txt answers.
import { describe, it, expect } from 'vitest';
import { canonicalUrl } from '../src/crawl/canonical.ts';
import { discover, looksLikeArticle } from '../src/crawl/discover.ts';
import { backoffMs, HostClock, parseDuration, parseSince, retryAfterMs } from '../src/crawl/pacing.ts';
import { rulesFrom } from '../src/crawl/robots.ts';
import { genericProfile, profileFor, loadSites } from '../src/crawl/sites.ts';

describe('crawl rules', () => {
  it('canonicalises URLs: no credentials, fragment, tracking parameters or default port; query sorted', () => {
    expect(canonicalUrl('HTTPS://user:pw@Baolaichau.VN:443/kinh-te/bai-1?b=2&utm_source=fb&a=1#top')).toBe('https://baolaichau.vn/kinh-te/bai-1?a=1&b=2');
    expect(canonicalUrl('/tin/bai-2.html?fbclid=x', 'http://a.vn/kinh-te')).toBe('http://a.vn/tin/bai-2.html');
    expect(canonicalUrl('javascript:void(0)', 'http://a.vn/')).toBeNull();
    expect(canonicalUrl('mailto:toasoan@a.vn')).toBeNull();
  });

  it('tells article links from section, tag and media links when a site has no rules', () => {
    for (const u of ['http://a.vn/kinh-te/giai-ngan-von-nong-thon-moi-20240702.html', 'http://a.vn/tin/221345', 'http://a.vn/news.aspx?newsid=4521', 'http://a.vn/bao-cao-ket-qua-giam-ngheo-nam-2023', 'http://a.vn/files/bao-cao.pdf'])
      expect(looksLikeArticle(new URL(u)), u).toBe(true);
    for (const u of ['http://a.vn/kinh-te', 'http://a.vn/lien-he', 'http://a.vn/tag/nong-thon-moi', 'http://a.vn/images/anh-20240702.jpg', 'http://a.vn/rss.xml'])
      expect(looksLikeArticle(new URL(u)), u).toBe(false);
  });

  it('reads a generic listing: same-host article links only, the page itself left out', () => {
    const page = Buffer.from('<a href="/kinh-te">Kinh tế</a><a href="/kinh-te/bai-viet-moi-123456.html">1</a><a href="http://khac.vn/bai-khac-123456.html">2</a><a href="/ds-99999">self</a>');
    const found = discover(page, 'http://a.vn/ds-99999', genericProfile('a.vn'));
    expect(found).toEqual({ kind: 'listing', links: [{ url: 'http://a.vn/kinh-te/bai-viet-moi-123456.html', kind: 'article', date: null }] });
  });

  it('backs off exponentially with jitter between half and one and a half times, capped; reads Retry-After as seconds or a date', () => {
    expect(backoffMs(1, 1000, () => 0)).toBe(500);
    expect(backoffMs(3, 1000, () => 0.999)).toBe(5996);
    expect(backoffMs(30, 1000, () => 0.5, 60_000)).toBe(60_000);
    const now = Date.parse('2024-07-02T00:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Tue, 02 Jul 2024 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });

  it('keeps one host waiting its delay, or longer after a Retry-After', () => {
    const clock = new HostClock();
    clock.used('a.vn', 1000, 3000);
    expect(clock.readyAt('a.vn')).toBe(4000);
    clock.used('a.vn', 1500, 3000, 60_000);
    expect(clock.readyAt('a.vn')).toBe(60_000);
    expect(clock.readyAt('b.vn')).toBe(0);
  });

  it('reads durations and --since', () => {
    expect(parseDuration('6h')).toBe(21_600_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('6 hours')).toBeNull();
    const now = Date.parse('2024-07-10T12:00:00Z');
    expect(parseSince('2024-05-01', now)).toBe('2024-05-01');
    expect(parseSince('7d', now)).toBe('2024-07-03');
    expect(parseSince('hôm qua', now)).toBeNull();
  });

  it('treats a missing robots.txt as allowing all and an unreachable one as refusing all', () => {
    expect(rulesFrom('http://a.vn/robots.txt', { status: 404, body: '' }).allowed('http://a.vn/x')).toBe(true);
    const down = rulesFrom('http://a.vn/robots.txt', { status: 503, body: '' });
    expect([down.allowed('http://a.vn/x'), down.refusedBecause]).toEqual([false, 'robots.txt answered HTTP 503']);
    expect(rulesFrom('http://a.vn/robots.txt', { error: 'no answer within 30 s' }).refusedBecause).toMatch(/unreachable/);
  });

  it('finds a site profile by host, www. and subdomains included', () => {
    const sites = loadSites();
    expect(profileFor('www.baogialai.com.vn', sites)?.province).toBe('Gia Lai');
    expect(profileFor('m.baoquangnam.vn', sites)?.province).toBe('Quảng Nam');
    expect(profileFor('example.vn', sites)).toBeUndefined();
  });
});
