// `solieu serve`: the page over a store, on node:http. Read-only connection, own assets, a strict
// content security policy, every parameter checked before use.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { openDb, openStore, type Db } from '../store/db.ts';
import { queryFigures } from '../store/query.ts';
import { serialize } from '../store/export.ts';
import { checkClaim } from '../check/index.ts';
import { facetCounts, facetsFor, type Facets } from './facets.ts';
import { chartData, chartSvg, provinceTotals } from './chart.ts';
import { loadPassage } from './passage.ts';
import { CheckParamsSchema, ListParamsSchema, ParamError, PassageParamsSchema, filterOf, parseParams, type ListParams } from './params.ts';
import { checkPage, errorPage, listPage, passagePage } from './views.ts';
import type { Safe } from './html.ts';

/** Nothing but our own files: no inline script or style, no framing, no form posts elsewhere. */
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const ASSETS: Record<string, { type: string; body: Buffer }> = Object.fromEntries(
  [
    ['app.css', 'text/css; charset=utf-8'],
    ['app.js', 'text/javascript; charset=utf-8'],
  ].map(([name, type]) => [`/assets/${name}`, { type, body: readFileSync(fileURLToPath(new URL(`../web/assets/${name}`, import.meta.url))) }]),
);

const PROGRAM_NAMES: Record<string, string> = { dtts: 'Chương trình 1719 (DTTS&MN)', gnbv: 'giảm nghèo bền vững', ntm: 'nông thôn mới', all: 'the three programmes together' };

export interface App {
  handle(req: IncomingMessage, res: ServerResponse): void;
  close(): void;
}

/**
 * `hosts`: the Host headers accepted (a loopback server refuses other names, so a web page
 * elsewhere cannot reach it by pointing its own domain at 127.0.0.1); null accepts any.
 */
export function createApp(dbPath: string, hosts: () => Set<string> | null = () => null): App {
  // A store made by an older solieu is brought up to date once (its facet counts built), then read only.
  openStore(dbPath, 'read').close();
  const db = openDb(dbPath, { readonly: true });
  // Belt and braces: this connection can never write, whatever a query says.
  db.pragma('query_only = ON');
  const counts = facetCounts(db);
  // Read the counts now (a few thousand rows), not on the first visitor's request.
  counts();
  return {
    handle: (req, res) => {
      try {
        const allowed = hosts();
        if (allowed && !allowed.has((req.headers.host ?? '').toLowerCase()))
          return send(res, 421, 'text/plain; charset=utf-8', `unexpected Host header; open the address solieu serve printed\n`);
        route(db, req, res, counts);
      } catch (e) {
        if (e instanceof ParamError) send(res, 400, 'text/html; charset=utf-8', errorPage(400, `bad request: ${e.message}`).html);
        else {
          process.stderr.write(`solieu serve: ${req.url}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
          send(res, 500, 'text/html; charset=utf-8', errorPage(500, 'internal error (see the server log)').html);
        }
      }
    },
    close: () => db.close(),
  };
}

function route(db: Db, req: IncomingMessage, res: ServerResponse, counts: ReturnType<typeof facetCounts>): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(res, 405, 'text/plain; charset=utf-8', 'only GET and HEAD\n');
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const page = (body: Safe) => send(res, 200, 'text/html; charset=utf-8', body.html);
  const asset = ASSETS[url.pathname];
  if (asset) return send(res, 200, asset.type, asset.body, 'public, max-age=300');
  switch (url.pathname) {
    case '/': {
      const p = parseParams(ListParamsSchema, url.searchParams);
      const filter = filterOf(p);
      const { rows, hasNext } = listRows(db, p, filter);
      const facets = facetsFor(db, counts(), filter, p);
      return page(listPage(p, rows, hasNext, facets, chartFor(db, p, facets)));
    }
    case '/figures.csv':
    case '/figures.json': {
      const p = parseParams(ListParamsSchema, url.searchParams);
      const format = url.pathname.endsWith('.csv') ? 'csv' : 'json';
      const body = [...serialize(listRows(db, p).rows, format)].join('');
      res.setHeader('Content-Disposition', `attachment; filename="figures.${format}"`);
      return send(res, 200, format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8', body);
    }
    case '/check': {
      const p = parseParams(CheckParamsSchema, url.searchParams);
      return page(checkPage(checkClaim(db, p.claim), facetsFor(db, counts(), {}, {})));
    }
    case '/check.json': {
      const p = parseParams(CheckParamsSchema, url.searchParams);
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(checkClaim(db, p.claim)));
    }
    case '/passage': {
      const p = parseParams(PassageParamsSchema, url.searchParams);
      const passage = loadPassage(db, p.source, p.version, p.fig);
      if (!passage) return send(res, 404, 'text/html; charset=utf-8', errorPage(404, `no figure ${p.fig} in version ${p.version} of ${p.source}`).html);
      return page(passagePage(passage, p.q));
    }
    default:
      return send(res, 404, 'text/html; charset=utf-8', errorPage(404, `no page ${url.pathname}`).html);
  }
}

/** The rows of the page asked for; one more is fetched only to know whether a next page exists. */
export function listRows(db: Db, p: ListParams, filter = filterOf(p)): { rows: ReturnType<typeof queryFigures>; hasNext: boolean } {
  const rows = queryFigures(db, filter);
  return { rows: rows.slice(0, p.size), hasNext: rows.length > p.size };
}

function chartFor(db: Db, p: ListParams, facets: Facets): Safe | null {
  const program = p.program ?? facets.program.find((v) => v.value !== 'all')?.value;
  if (!program || !(program in PROGRAM_NAMES)) return null;
  const year = p.year && /^\d{4}$/.test(p.year) ? Number(p.year) : undefined;
  const bars = chartData(provinceTotals(db, program), { program, year, province: p.province ?? p.current });
  if (!bars.length) return null;
  return chartSvg(bars, `Allocated and disbursed by province — ${PROGRAM_NAMES[program]}${year ? `, ${year}` : ' (latest year each province reports)'}`);
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, cache = 'no-store'): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': cache,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Listens on host:port (port 0: any free port); resolves once listening. */
export async function serve(dbPath: string, host: string, port: number): Promise<{ server: Server; url: string; app: App }> {
  let hosts: Set<string> | null = null;
  const app = createApp(dbPath, () => hosts);
  const server = createServer(app.handle);
  server.on('close', () => app.close());
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok());
  });
  const addr = server.address() as AddressInfo;
  const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  if (LOOPBACK.has(host)) hosts = new Set(['127.0.0.1', 'localhost', '[::1]'].map((h) => `${h}:${addr.port}`));
  return { server, url: `http://${shown}:${addr.port}/`, app };
}
