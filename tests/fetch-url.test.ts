// The one safe fetcher (src/sources/url.ts) against real servers on 127.0.0.1: every redirect hop
// re-checked, private addresses refused unless allowed, caps on headers and body, one-line errors
// that never show credentials.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fetchPage, fetchSource, isPrivateAddress, redactUrl } from '../src/sources/url.ts';
import { InputError } from '../src/contract/errors.ts';
import { cutShort, endless, html, redirect, slow, startServer, status, type FixtureServer } from './http-fixture.ts';

const REPO = join(import.meta.dirname, '..');
let site: FixtureServer;
let other: FixtureServer;
const onlyFirst = (addr: string) => addr === '127.0.0.1';

async function failure(p: Promise<unknown>): Promise<InputError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(InputError);
  return e as InputError;
}

beforeAll(async () => {
  // A second loopback address stands in for "a private host": nothing may reach it.
  other = await startServer({ '/secret': html('<p>internal</p>') }, '127.0.0.2');
  site = await startServer({
    '/ok': html('<p>Xin chào</p>'),
    '/hop': redirect('/ok'),
    '/to-private': redirect(`${other.origin}/secret`),
    '/to-ftp': redirect('ftp://example.org/file'),
    '/loop-a': redirect('/loop-b'),
    '/loop-b': redirect('/loop-a'),
    '/slow': slow,
    '/endless': endless,
    '/cut': cutShort,
    '/reset': (req) => req.socket.destroy(),
    '/auth': (req, res) => void res.writeHead(req.headers.authorization ? 200 : 401).end(req.headers.authorization ? 'ok' : ''),
    '/auth-away': redirect(`${other.origin}/secret`),
    '/big-headers': (_req, res) => void res.writeHead(200, { 'x-pad': 'a'.repeat(40_000) }).end('x'),
    '/missing': status(404),
  });
});
afterAll(async () => {
  await site.close();
  await other.close();
});

describe('fetchPage', () => {
  it('refuses loopback, private, link-local, unique-local, CGNAT and unspecified addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:7f00:1'])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['203.113.131.2', '8.8.8.8', '2001:4860:4860::8888', '172.32.0.1', '100.128.0.1']) expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses the test server itself without allowPrivate, by literal address and by a name that resolves to it', async () => {
    const e = await failure(fetchPage(`${site.origin}/ok`));
    expect(e.reason).toMatch(/private address \(127\.0\.0\.1\).*--allow-private/);
    const byName = await failure(fetchPage(`http://localhost:${site.origin.split(':').pop()}/ok`));
    expect(byName.reason).toMatch(/private address/);
    expect(site.hitsOf('/ok')).toHaveLength(0);
  });

  it('follows a redirect on the same allowed host', async () => {
    const page = await fetchPage(`${site.origin}/hop`, { allowPrivate: true });
    expect(page.status).toBe(200);
    expect(page.url).toBe(`${site.origin}/ok`);
    expect(page.bytes.toString()).toContain('Xin chào');
  });

  it('re-checks every hop: a redirect to another private address is refused before connecting', async () => {
    const e = await failure(fetchPage(`${site.origin}/to-private`, { allowPrivate: onlyFirst }));
    expect(e.message).toContain(`${site.origin}/to-private (redirected to ${other.origin}/secret)`);
    expect(e.reason).toMatch(/private address \(127\.0\.0\.2\)/);
    expect(other.hits).toHaveLength(0);
  });

  it('refuses a redirect to another scheme, a redirect loop, and a 404 with one line', async () => {
    expect((await failure(fetchPage(`${site.origin}/to-ftp`, { allowPrivate: true }))).reason).toMatch(/only http and https/);
    expect((await failure(fetchPage(`${site.origin}/loop-a`, { allowPrivate: true }))).reason).toMatch(/redirect loop/);
    const missing = await failure(fetchSource(`${site.origin}/missing`, { allowPrivate: true }));
    expect(missing.message).toBe(`${site.origin}/missing: HTTP 404 Not Found`);
  });

  it('caps the body: a stalled body, an endless body, a reset and a body cut short each end in one line', async () => {
    const stalled = await failure(fetchPage(`${site.origin}/slow`, { allowPrivate: true, timeoutMs: 300 }));
    expect(stalled.reason).toMatch(/body stalled/);
    const big = await failure(fetchPage(`${site.origin}/endless`, { allowPrivate: true, maxBytes: 1 << 20 }));
    expect(big.reason).toMatch(/over the 1048576-byte limit/);
    expect((await failure(fetchPage(`${site.origin}/reset`, { allowPrivate: true }))).reason).toMatch(/reset|closed/);
    expect((await failure(fetchPage(`${site.origin}/cut`, { allowPrivate: true }))).reason).toMatch(/cut short/);
    expect((await failure(fetchPage(`${site.origin}/big-headers`, { allowPrivate: true }))).reason).toMatch(/headers over/);
  });

  it('sends credentials only to their own host and never prints them', async () => {
    const withAuth = `http://solieu:hunter2@${site.host}`;
    expect((await fetchPage(`${withAuth}/auth`, { allowPrivate: true })).status).toBe(200);
    expect(redactUrl(`${withAuth}/auth`)).toBe(`${site.origin}/auth`);
    const e = await failure(fetchSource(`${withAuth}/missing`, { allowPrivate: true }));
    expect(e.message).not.toContain('hunter2');
    const away = await fetchPage(`${withAuth}/auth-away`, { allowPrivate: true });
    expect(away.status).toBe(200);
    expect(other.hitsOf('/secret').at(-1)?.headers.authorization).toBeUndefined();
  });
});

describe('solieu extract <url>', () => {
  it('refuses a loopback URL without --allow-private, in one line without the credentials', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'bin/solieu.js'), 'extract', `http://user:hunter2@${site.host}/ok`], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${site.origin}/ok: 127.0.0.1 is a private address`);
    expect(r.stderr).not.toContain('hunter2');
  });
});
