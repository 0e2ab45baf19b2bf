// `solieu export --format csv|json|jsonl [--out FILE] [filters]`: every figure with its citation.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { openDb, resolveDbPath } from '../../store/db.ts';
import { EXPORT_FORMATS, serialize, type ExportFormat } from '../../store/export.ts';
import { FILTER_OPTIONS, UsageError, filterFromArgs } from '../../store/filter-args.ts';
import { iterateFigures } from '../../store/query.ts';
import { argsOrUsage } from '../../store/args.ts';

const USAGE = 'usage: solieu export --format csv|json|jsonl [--out FILE] [query filters…] [--db PATH]\n';

export async function run(argv: string[]): Promise<number> {
  const args = argsOrUsage(
    { args: argv, options: { ...FILTER_OPTIONS, db: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } } },
    'export',
    USAGE,
  );
  if (!args) return 2;
  const { values } = args;
  if (!values.format || !(EXPORT_FORMATS as readonly string[]).includes(values.format)) {
    process.stderr.write(USAGE);
    return 2;
  }
  let filter;
  try {
    filter = filterFromArgs(values);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`solieu export: ${e.message}\n${USAGE}`);
    return 2;
  }
  const db = openDb(resolveDbPath(values.db));
  const out: Writable = values.out ? createWriteStream(values.out) : process.stdout;
  try {
    for (const chunk of serialize(iterateFigures(db, filter), values.format as ExportFormat)) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } finally {
    db.close();
  }
  if (values.out) {
    out.end();
    await once(out, 'finish');
  }
  return 0;
}
