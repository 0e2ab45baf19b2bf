// `solieu export --format csv|json|jsonl [--out FILE] [filters]`: every figure with its citation.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Option } from 'commander';
import type { FilterValues } from '../../store/filter-args.ts';
import { act, solieuCommand, withExamples, withUsageAfterErrors } from '../command.ts';
import { dbOption, type DbOptions } from './db-option.ts';
import { filterOptions } from './filter-options.ts';

interface Options extends FilterValues, DbOptions {
  format: 'csv' | 'json' | 'jsonl';
  out?: string;
}

export const command = withExamples(
  withUsageAfterErrors(
    dbOption(filterOptions(solieuCommand('export', 'every stored figure with its citation, as csv, json or jsonl (reads back exactly)')))
      .addOption(new Option('--format <format>', 'csv, json or jsonl').choices(['csv', 'json', 'jsonl']).makeOptionMandatory())
      .option('--out <file>', 'write to a file instead of standard output')
      .action(act(run)),
  ),
  [
    ['solieu export --format csv > figures.csv', 'everything, for a spreadsheet'],
    ['solieu export --format jsonl --province "Điện Biên" --top-level', "one province's totals, one JSON object a line"],
  ],
);

async function run(opts: Options): Promise<number> {
  const [{ openStore, resolveDbPath }, { serialize }, { filterFromArgs }, { iterateFigures }] = await Promise.all([
    import('../../store/db.ts'),
    import('../../store/export.ts'),
    import('../../store/filter-args.ts'),
    import('../../store/query.ts'),
  ]);
  const filter = filterFromArgs(opts);
  const db = openStore(resolveDbPath(opts.db), 'read');
  const out = opts.out ? createWriteStream(opts.out) : process.stdout;
  try {
    for (const chunk of serialize(iterateFigures(db, filter), opts.format)) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } finally {
    db.close();
  }
  if (opts.out) {
    out.end();
    await once(out, 'finish');
  }
  return 0;
}
