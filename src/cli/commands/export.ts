// `solieu export --format csv|json|jsonl [--out FILE] [filters]`: every figure with its citation.
import { createWriteStream, openSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { Option } from 'commander';
import type { FilterValues } from '../../store/filter-args.ts';
import { InputError, UsageError } from '../../contract/errors.ts';
import { act, solieuCommand, withExamples, withUsageAfterErrors } from '../command.ts';
import { dbOption, type DbOptions } from './db-option.ts';
import { filterOptions } from './filter-options.ts';

interface Options extends FilterValues, DbOptions {
  format?: 'csv' | 'json' | 'jsonl';
  out?: string;
}

export const command = withExamples(
  withUsageAfterErrors(
    dbOption(filterOptions(solieuCommand('export', 'every stored figure with its citation, as csv, json or jsonl (reads back exactly)')))
      .addOption(new Option('--format <format>', 'csv, json or jsonl').choices(['csv', 'json', 'jsonl']))
      .option('--out <file>', 'write to a file instead of standard output')
      .action(act(run)),
  ),
  [
    ['solieu export --format csv > figures.csv', 'everything, for a spreadsheet'],
    ['solieu export --format jsonl --province "Điện Biên" --top-level', "one province's totals, one JSON object a line"],
  ],
);

async function run(opts: Options): Promise<number> {
  const format = opts.format;
  if (!format) throw new UsageError('--format is required: csv, json or jsonl');
  const [{ openStore, resolveDbPath }, { serialize }, { filterFromArgs }, { iterateFigures }, { status }] = await Promise.all([
    import('../../store/db.ts'),
    import('../../store/export.ts'),
    import('../../store/filter-args.ts'),
    import('../../store/query.ts'),
    import('../progress.ts'),
  ]);
  const filter = filterFromArgs(opts);
  const db = openStore(resolveDbPath(opts.db), 'read');
  // A file is written beside its name and renamed when whole, so a failed export leaves no half file.
  const partial = opts.out ? `${opts.out}.partial` : null;
  const out = partial ? createWriteStream(partial, { fd: openForWriting(partial, opts.out!) }) : process.stdout;
  const done = partial ? status(`exporting to ${opts.out}`, {}) : () => {};
  try {
    for (const chunk of serialize(iterateFigures(db, filter), format)) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } finally {
    db.close();
    done();
  }
  if (partial) {
    out.end();
    await once(out, 'finish');
    renameSync(partial, opts.out!);
  }
  return 0;
}

function openForWriting(path: string, shown: string): number {
  try {
    return openSync(path, 'w');
  } catch (e) {
    throw new InputError(shown, `cannot write (${(e as NodeJS.ErrnoException).code}); check the folder exists, or pass another --out`);
  }
}
