// The one HTTP(S) fetcher, shared by `solieu extract <url>` and the crawler. Redirects are followed
// by hand so every hop is re-checked (scheme, resolved address); private, loopback, link-local,
// unique-local, CGNAT and unspecified addresses are refused unless allowed; headers and body have
// size and time caps; every failure is one InputError line naming the URL without credentials.
import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { InputError } from '../contract/errors.ts';
import { MAX_INPUT_BYTES, sha256Hex, type SourceFile } from './file.ts';

export const FETCH_TIMEOUT_MS = 30_000;
export const DEFAULT_USER_AGENT = 'solieu/0.1 (+figures from public reports on the National Target Programmes)';
const MAX_HEADER_BYTES = 32 * 1024;
const MAX_REDIRECTS = 5;

export interface FetchOptions {
  /** Fetch from private, loopback and link-local addresses too (tests, intranets); a function allows some. */
  allowPrivate?: boolean | ((address: string) => boolean);
  userAgent?: string;
  /** Extra request headers (If-None-Match, If-Modified-Since, Accept). */
  headers?: Record<string, string>;
  /** Until the response headers of one hop arrive, and the longest pause while the body streams. */
  timeoutMs?: number;
  /** The whole fetch, redirects and body included. */
  totalMs?: number;
  maxBytes?: number;
}

export interface FetchedPage {
  /** The URL that answered, after redirects (credentials removed). */
  url: string;
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  /** The body of a 2xx answer; empty for any other status. */
  bytes: Buffer;
}

/** The URL as it may be printed or stored: user name and password dropped. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return u.href;
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    return url.replace(/\/\/[^/@\s]*@/, '//');
  }
}

const BLOCKED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // unspecified, "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['fe80::', 10], // link-local
  ['fc00::', 7], // unique-local
  ['ff00::', 8], // multicast
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv6');

/** True for an address no public web page lives at. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family !== 6) return false;
  // IPv4-mapped and IPv4-compatible forms reach the IPv4 address inside.
  const mapped = /^(?:0*:)*(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return BLOCKED.check(mapped, 'ipv4');
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const n = (parseInt(hex[1], 16) << 16) | parseInt(hex[2], 16);
    return BLOCKED.check([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'), 'ipv4');
  }
  return BLOCKED.check(address, 'ipv6');
}

/** A failed fetch; `transient` when trying again later may succeed (timeouts, resets, refused connections). */
export class FetchError extends InputError {
  constructor(
    file: string,
    reason: string,
    readonly transient: boolean,
  ) {
    super(file, reason);
  }
}

class RefusedAddress extends Error {}

const refusal = (host: string, address: string) =>
  `${host} is a private address (${address}); refused (pass --allow-private to fetch from private, loopback or link-local hosts)`;

function permits(allowPrivate: FetchOptions['allowPrivate'], address: string): boolean {
  if (allowPrivate === true || !isPrivateAddress(address)) return true;
  return typeof allowPrivate === 'function' && allowPrivate(address);
}

/** dns.lookup, refusing the connection when any address the name resolves to is private. */
function guardedLookup(allowPrivate: FetchOptions['allowPrivate']) {
  return (hostname: string, options: { all?: boolean; family?: number }, cb: (...args: unknown[]) => void): void => {
    dnsLookup(hostname, { family: options.family ?? 0, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return cb(err);
      const bad = addresses.find((a) => !permits(allowPrivate, a.address));
      if (bad) return cb(new RefusedAddress(refusal(hostname, bad.address)));
      if (options.all) cb(null, addresses);
      else cb(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** GETs `url`, following up to five redirects, each one checked as the first. Any status is returned. */
export async function fetchPage(url: string, opts: FetchOptions = {}): Promise<FetchedPage> {
  const shown = redactUrl(url);
  const deadline = Date.now() + (opts.totalMs ?? 2 * (opts.timeoutMs ?? FETCH_TIMEOUT_MS));
  const seen = new Set<string>();
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new FetchError(shown, 'not a valid URL', false);
  }
  const origin = current.origin;
  for (let hop = 0; ; hop++) {
    const here = redactUrl(current.href);
    if (current.protocol !== 'http:' && current.protocol !== 'https:')
      throw new FetchError(shown, `only http and https are fetched${hop ? ` (redirected to ${here})` : ''}`, false);
    seen.add(here);
    const res = await requestOnce(current, opts, deadline, current.origin === origin, hop ? `${shown} (redirected to ${here})` : shown);
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && res.status !== 304 && location) {
      if (hop >= MAX_REDIRECTS) throw new FetchError(shown, `too many redirects (more than ${MAX_REDIRECTS})`, false);
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        throw new FetchError(shown, `redirect to an invalid URL (${location.slice(0, 100)})`, false);
      }
      next.hash = '';
      if (seen.has(redactUrl(next.href))) throw new FetchError(shown, `redirect loop (${here} → ${redactUrl(next.href)})`, false);
      current = next;
      continue;
    }
    return { ...res, url: here };
  }
}

/** One request: headers within the timeout, then the body (2xx only) under the byte and time caps. */
function requestOnce(
  u: URL,
  opts: FetchOptions,
  deadline: number,
  sameOrigin: boolean,
  shown: string,
): Promise<Omit<FetchedPage, 'url'>> {
  const timeoutMs = opts.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? MAX_INPUT_BYTES;
  const allowPrivate = opts.allowPrivate;
  return new Promise((resolve, reject) => {
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const fail = (reason: string, transient = false) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      reject(new FetchError(shown, reason, transient));
    };
    const arm = (ms: number, reason: string) => {
      clearTimeout(timer);
      const left = deadline - Date.now();
      timer = ms < left ? setTimeout(() => fail(reason, true), ms) : setTimeout(() => fail(`no complete answer within ${Math.round((opts.totalMs ?? 2 * timeoutMs) / 1000)} s`, true), Math.max(0, left));
    };
    const host = u.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !permits(allowPrivate, host)) return reject(new FetchError(shown, refusal(host, host), false));
    const headers: Record<string, string> = { 'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT, accept: '*/*', 'accept-encoding': 'identity', ...opts.headers };
    // Credentials in the URL go only to the host they were written for, never across a redirect.
    if (sameOrigin && (u.username || u.password))
      headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`;
    const lib = u.protocol === 'https:' ? https : http;
    const req = lib.request(
      {
        protocol: u.protocol,
        hostname: host,
        port: u.port || undefined,
        path: u.pathname + u.search,
        method: 'GET',
        headers,
        lookup: guardedLookup(allowPrivate) as unknown as typeof dnsLookup,
        maxHeaderSize: MAX_HEADER_BYTES,
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const base = { status, statusText: res.statusMessage ?? '', headers: res.headers };
        if (status < 200 || status >= 300) {
          done = true;
          clearTimeout(timer);
          res.destroy();
          return resolve({ ...base, bytes: Buffer.alloc(0) });
        }
        const declared = Number(res.headers['content-length'] ?? NaN);
        if (declared > maxBytes) return fail(`document is ${declared} bytes, over the ${maxBytes}-byte limit`);
        const chunks: Buffer[] = [];
        let size = 0;
        arm(timeoutMs, `body stalled (no data for ${timeoutMs / 1000} s)`);
        res.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > maxBytes) return fail(`document is over the ${maxBytes}-byte limit`);
          chunks.push(chunk);
          arm(timeoutMs, `body stalled (no data for ${timeoutMs / 1000} s)`);
        });
        res.on('error', (e: NodeJS.ErrnoException) => fail(e.code === 'ECONNRESET' ? 'connection reset while reading the body' : `body failed (${e.message})`, true));
        res.on('aborted', () => fail(`connection closed after ${size} of ${Number.isFinite(declared) ? declared : '?'} bytes (body cut short)`, true));
        res.on('end', () => {
          if (done) return;
          if (!res.complete || (Number.isFinite(declared) && size < declared))
            return fail(`connection closed after ${size} of ${Number.isFinite(declared) ? declared : '?'} bytes (body cut short)`, true);
          done = true;
          clearTimeout(timer);
          resolve({ ...base, bytes: Buffer.concat(chunks) });
        });
      },
    );
    arm(timeoutMs, `no answer within ${timeoutMs / 1000} s`);
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e instanceof RefusedAddress) return fail(e.message);
      if (e.code === 'HPE_HEADER_OVERFLOW') return fail(`response headers over ${MAX_HEADER_BYTES} bytes`);
      if (e.code === 'ECONNRESET') return fail('connection reset before an answer', true);
      if (e.code === 'ENOTFOUND') return fail(`no such host (${host})`, true);
      if (e.code === 'ECONNREFUSED') return fail('connection refused', true);
      fail(`cannot fetch (${e.message.split('\n')[0]})`, true);
    });
    req.end();
  });
}

/** A document for `extract`: a 2xx answer with a body, else one line saying why not. */
export async function fetchSource(url: string, opts: FetchOptions = {}): Promise<SourceFile> {
  const page = await fetchPage(url, opts);
  if (page.status < 200 || page.status >= 300) throw new InputError(redactUrl(url), `HTTP ${page.status} ${page.statusText}`.trim());
  if (page.bytes.byteLength === 0) throw new InputError(redactUrl(url), 'empty response');
  return { name: page.url, bytes: page.bytes, sha256: sha256Hex(page.bytes) };
}
