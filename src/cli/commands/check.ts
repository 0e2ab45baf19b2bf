// `solieu check "<claim>" [--json] [--db PATH]`: is a sentence's figure supported by the store?
// Exit 0 supported, 1 contradicted, 2 not found (and 2 for usage errors, which print usage).
import { existsSync } from 'node:fs';
import { openDb, resolveDbPath } from '../../store/db.ts';
import { argsOrUsage } from '../../store/args.ts';
import { checkClaim, EXIT_CODES } from '../../check/index.ts';
import { renderCheck } from '../../check/render.ts';
import { InputError } from '../../contract/errors.ts';

const USAGE = 'usage: solieu check "<claim>" [--json] [--db PATH]\n';

export async function run(argv: string[]): Promise<number> {
  const args = argsOrUsage({ args: argv, options: { json: { type: 'boolean' }, db: { type: 'string' } }, allowPositionals: true }, 'check', USAGE);
  if (!args) return 2;
  const claim = args.positionals.join(' ').trim();
  if (!claim) {
    process.stderr.write(`solieu check: no claim given\n${USAGE}`);
    return 2;
  }
  const path = resolveDbPath(args.values.db);
  if (!existsSync(path)) throw new InputError(path, "no such database (ingest documents first: 'solieu ingest <files>', or pass --db)");
  const db = openDb(path, { readonly: true });
  try {
    const result = checkClaim(db, claim);
    process.stdout.write(args.values.json ? JSON.stringify(result, null, 2) + '\n' : renderCheck(result));
    return EXIT_CODES[result.verdict];
  } finally {
    db.close();
  }
}
