// A real HTTP server on 127.0.0.1 for network tests: routes by path, every request recorded with
// its time and headers so tests can check pacing, User-Agent and conditional GETs.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

export interface Hit {
  path: string;
  at: number;
  headers: IncomingMessage['headers'];
}

export interface FixtureServer {
  origin: string;
  host: string;
  hits: Hit[];
  routes: Map<string, Handler>;
  hitsOf(path: string): Hit[];
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Handler> = {}, address = '127.0.0.1'): Promise<FixtureServer> {
  const map = new Map(Object.entries(routes));
  const hits: Hit[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.push({ path, at: Date.now(), headers: req.headers });
    const handler = map.get(path);
    if (!handler) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    handler(req, res, hits.filter((h) => h.path === path).length);
  });
  await new Promise<void>((ok) => server.listen(0, address, ok));
  const port = (server.address() as { port: number }).port;
  const host = `${address}:${port}`;
  return {
    origin: `http://${host}`,
    host,
    hits,
    routes: map,
    hitsOf: (path) => hits.filter((h) => h.path === path),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

export const html = (body: string, headers: Record<string, string> = {}): Handler => (_req, res) =>
  void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);

export const xml = (body: string): Handler => (_req, res) => void res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' }).end(body);

export const text = (body: string): Handler => (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end(body);

export const status = (code: number, headers: Record<string, string> = {}): Handler => (_req, res) => void res.writeHead(code, headers).end();

export const redirect = (location: string, code = 302): Handler => (_req, res) => void res.writeHead(code, { location }).end();

/** Headers at once, then the body never comes. */
export const slow: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.write('<html><body><p>Đang tải');
};

/** A body that never ends: 64 KB chunks until the client goes away. */
export const endless: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const push = () => {
    while (res.write(chunk)) if (res.destroyed) return;
    if (!res.destroyed) res.once('drain', push);
  };
  res.on('close', () => res.removeAllListeners('drain'));
  push();
};

/** Promises 1000 bytes, sends 10, hangs up. */
export const cutShort: Handler = (req, res) => {
  res.writeHead(200, { 'content-type': 'text/html', 'content-length': '1000' });
  res.write('<html><bod');
  setTimeout(() => req.socket.destroy(), 20);
};

/** Tiny article pages for the crawler tests: a title, a date meta tag and one figure sentence. */
export function articlePage(title: string, published: string, sentence: string): string {
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title>
<meta property="article:published_time" content="${published}T08:00:00+07:00"></head>
<body><article class="article-content"><h1>${title}</h1><p>${sentence}</p>
<p>Các địa phương tiếp tục rà soát, đôn đốc giải ngân để hoàn thành kế hoạch vốn được giao trong năm, bảo đảm đúng đối tượng và hiệu quả.</p></article></body></html>`;
}
