// `solieu check "<claim>" [--json] [--db PATH]`: is a sentence's figure supported by the store?
// Exit 0 supported, 1 contradicted, 2 not found; 3 when it could not check (usage, no database),
// so a script never mistakes an error for a verdict.
import { existsSync } from 'node:fs';
import { openStore, resolveDbPath } from '../../store/db.ts';
import { InputError } from '../../contract/errors.ts';
import { argsOrUsage } from '../../store/args.ts';
import { checkClaim, EXIT_CODES } from '../../check/index.ts';
import { renderCheck } from '../../check/render.ts';

export const USAGE = 'usage: solieu check "<claim>" [--json] [--db PATH]   (exit 0 supported, 1 contradicted, 2 not found, 3 error)\n';
const CANNOT = 3;

export async function run(argv: string[]): Promise<number> {
  const args = argsOrUsage({ args: argv, options: { json: { type: 'boolean' }, db: { type: 'string' } }, allowPositionals: true }, 'check', USAGE);
  if (!args) return CANNOT;
  const claim = args.positionals.join(' ').trim();
  if (!claim) {
    process.stderr.write(`solieu check: no claim given\n${USAGE}`);
    return CANNOT;
  }
  const path = resolveDbPath(args.values.db);
  if (!existsSync(path)) {
    process.stderr.write(`solieu check: ${path}: no such database (ingest documents first: 'solieu ingest <files>', or pass --db)\n`);
    return CANNOT;
  }
  let db;
  try {
    db = openStore(path, 'read');
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    process.stderr.write(`solieu check: ${e.message}\n`);
    return CANNOT;
  }
  try {
    const result = checkClaim(db, claim);
    process.stdout.write(args.values.json ? JSON.stringify(result, null, 2) + '\n' : renderCheck(result));
    return EXIT_CODES[result.verdict];
  } finally {
    db.close();
  }
}
