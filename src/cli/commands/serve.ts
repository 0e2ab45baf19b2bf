// `solieu serve [--db PATH] [--port N] [--host H]`: browse and check the store in a web page.
// 127.0.0.1 unless told otherwise: the page has no login, so only this machine should see it.
import { existsSync } from 'node:fs';
import { resolveDbPath } from '../../store/db.ts';
import { argsOrUsage } from '../../store/args.ts';
import { InputError } from '../../contract/errors.ts';
import { serve } from '../../web/server.ts';

export const USAGE = 'usage: solieu serve [--db PATH] [--port N (default 8150; 0 = any free port)] [--host H (default 127.0.0.1)]\n';

export async function run(argv: string[]): Promise<number> {
  const args = argsOrUsage(
    { args: argv, options: { db: { type: 'string' }, port: { type: 'string', default: '8150' }, host: { type: 'string', default: '127.0.0.1' } } },
    'serve',
    USAGE,
  );
  if (!args) return 2;
  const port = Number(args.values.port);
  if (!/^\d{1,5}$/.test(args.values.port) || port > 65535) {
    process.stderr.write(`solieu serve: --port must be a number from 0 to 65535 (got '${args.values.port}')\n${USAGE}`);
    return 2;
  }
  const path = resolveDbPath(args.values.db);
  if (!existsSync(path)) throw new InputError(path, "no such database (ingest documents first: 'solieu ingest <files>', or pass --db)");
  let started;
  try {
    started = await serve(path, args.values.host, port);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL' || code === 'EACCES' || code === 'ENOTFOUND')
      throw new InputError(`${args.values.host}:${port}`, `cannot listen (${code}); choose another --port or --host`);
    throw e;
  }
  const { server, url } = started;
  process.stdout.write(`solieu: serving ${path} at ${url} (read-only; Ctrl+C to stop)\n`);
  await new Promise<void>((done) => {
    const stop = () => server.close(() => done());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
