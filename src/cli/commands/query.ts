// `solieu query [free text] [--province …] [--format table|csv|json]`: figures with citations.
import { basename } from 'node:path';
import { openDb, resolveDbPath } from '../../store/db.ts';
import { FILTER_OPTIONS, UsageError, filterFromArgs } from '../../store/filter-args.ts';
import { queryFigures } from '../../store/query.ts';
import { suggestPlace } from '../../store/places.ts';
import { argsOrUsage } from '../../store/args.ts';
import { serialize } from '../../store/export.ts';
import { renderTable } from '../../store/table.ts';
import type { FigureRowOut } from '../../store/figure-row.ts';

const USAGE =
  'usage: solieu query [text] [--province P] [--district D] [--program dtts|gnbv|ntm|all] [--project "Dự án N"]\n' +
  '                    [--metric M] [--kind money|percent|quantity] [--year Y] [--from DATE] [--to DATE]\n' +
  '                    [--min V] [--max V] [--text T] [--format table|csv|json] [--limit N] [--all-versions] [--db PATH]\n';

export async function run(argv: string[]): Promise<number> {
  const args = argsOrUsage(
    {
      args: argv,
      options: { ...FILTER_OPTIONS, db: { type: 'string' }, format: { type: 'string', default: 'table' }, limit: { type: 'string' } },
      allowPositionals: true,
    },
    'query',
    USAGE,
  );
  if (!args) return 2;
  const { values, positionals } = args;
  const format = values.format;
  let filter;
  try {
    if (!['table', 'csv', 'json'].includes(format)) throw new UsageError(`--format must be table, csv or json (got '${format}')`);
    filter = filterFromArgs(values, positionals.join(' '));
    const limit = values.limit === undefined ? (format === 'table' ? 50 : undefined) : Number(values.limit);
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) throw new UsageError(`--limit must be a whole number`);
    filter.limit = limit;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`solieu query: ${e.message}\n${USAGE}`);
    return 2;
  }
  const db = openDb(resolveDbPath(values.db));
  try {
    const rows = queryFigures(db, filter);
    if (rows.length === 0) warnUnknownPlaces(filter.province, filter.district);
    if (format === 'table') process.stdout.write(table(rows));
    else for (const chunk of serialize(rows, format as 'csv' | 'json')) process.stdout.write(chunk);
    return 0;
  } finally {
    db.close();
  }
}

function table(rows: FigureRowOut[]): string {
  const when = (r: FigureRowOut) => r.asOf ?? (r.year === null ? '' : String(r.year));
  const place = (r: FigureRowOut) => [r.district, r.province].filter(Boolean).join(', ');
  return (
    renderTable(
      ['source', 'span', 'figure', 'metric', 'prog', 'project', 'place', 'when', 'quote'],
      rows.map((r) => [
        basename(r.source),
        `${r.start}-${r.end}`,
        r.text,
        r.metric ?? '',
        r.program ?? '',
        r.project ?? '',
        place(r),
        when(r),
        r.quote.trim(),
      ]),
      70,
    ) + `${rows.length} figure${rows.length === 1 ? '' : 's'}\n`
  );
}

/** Nothing found for a place we do not know: most likely a typo, so say what it may have meant. */
function warnUnknownPlaces(province: string | undefined, district: string | undefined): void {
  for (const [level, name] of [['province', province], ['district', district]] as const) {
    const hint = name === undefined ? null : suggestPlace(name, level);
    if (hint) process.stderr.write(`solieu query: no ${level} named '${name}'; did you mean '${hint}'?\n`);
  }
}
