// `solieu query [words…] [filters]`: stored figures with their citations, as a table, CSV or JSON.
import { basename } from 'node:path';
import { Option } from 'commander';
import { renderTable } from '../../store/table.ts';
import type { FigureRowOut } from '../../store/figure-row.ts';
import type { FilterValues } from '../../store/filter-args.ts';
import { UsageError } from '../../contract/errors.ts';
import { act, solieuCommand, withExamples, withUsageAfterErrors } from '../command.ts';
import { dbOption, type DbOptions } from './db-option.ts';
import { filterOptions } from './filter-options.ts';

/** Rows a table shows unless --limit says otherwise (CSV and JSON give every row). */
const TABLE_ROWS = 50;

interface Options extends FilterValues, DbOptions {
  format: 'table' | 'csv' | 'json';
  limit?: string;
}

export const command = withExamples(
  withUsageAfterErrors(
    dbOption(
      filterOptions(solieuCommand('query', 'find stored figures by place, programme, project, metric, date, value or words').argument('[words...]', 'words of the quoted sentence (as --text)')),
    )
      .addOption(new Option('--format <format>', 'output').choices(['table', 'csv', 'json']).default('table'))
      .option('--limit <n>', `at most n figures (a table shows ${TABLE_ROWS} unless told)`)
      .action(act(run)),
  ),
  [
    ['solieu query --province "Dien Bien" --metric disbursed --year 2024', 'what Điện Biên disbursed in 2024, with the sentences'],
    ['solieu query --value "275 tỷ"', 'a figure read in an article, found in the reports however they wrote it (275.332 triệu đồng)'],
    ['solieu query --project "Du an 9" --kind money --top-level --format csv', 'project 9 totals, without their parts, as CSV'],
    ['solieu query giải ngân --text "hơn 275 tỷ đồng"', 'sentences with the words and a figure just over 275 tỷ'],
  ],
);

async function run(words: string[], opts: Options): Promise<number> {
  const [{ openStore, resolveDbPath }, { filterFromArgs }, { queryFigures }, { suggestPlace }, { serialize }] = await Promise.all([
    import('../../store/db.ts'),
    import('../../store/filter-args.ts'),
    import('../../store/query.ts'),
    import('../../store/places.ts'),
    import('../../store/export.ts'),
  ]);
  const filter = filterFromArgs(opts, words.join(' '));
  const limit = opts.limit === undefined ? (opts.format === 'table' ? TABLE_ROWS : undefined) : Number(opts.limit);
  // A limit past 2^53 cannot be passed to SQLite exactly; no store holds that many figures anyway.
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) throw new UsageError(`--limit must be a whole number up to ${Number.MAX_SAFE_INTEGER} (got '${opts.limit}')`);
  const db = openStore(resolveDbPath(opts.db), 'read');
  try {
    // One row past the limit says whether the table is cut.
    const rows = queryFigures(db, { ...filter, limit: limit === undefined ? undefined : limit + 1 });
    const more = limit !== undefined && rows.length > limit;
    if (more) rows.length = limit;
    if (rows.length === 0) warnUnknownPlaces(filter.province, filter.district, suggestPlace);
    if (opts.format === 'table') process.stdout.write(table(rows, more));
    else {
      for (const chunk of serialize(rows, opts.format)) process.stdout.write(chunk);
      if (more) process.stderr.write(`solieu query: stopped at --limit ${limit}; more figures match\n`);
    }
    return 0;
  } finally {
    db.close();
  }
}

function table(rows: FigureRowOut[], more: boolean): string {
  const dash = (s: string | null | undefined) => (s === null || s === undefined || s === '' ? '-' : s);
  const when = (r: FigureRowOut) => r.asOf ?? (r.year === null ? null : String(r.year));
  const place = (r: FigureRowOut) => [r.district, r.province].filter(Boolean).join(', ');
  const header = ['source', 'figure', 'metric', 'prog', 'project', 'place', 'when', 'quote'];
  const body = rows.map((r) => [
    basename(r.source),
    r.text,
    dash(r.metric),
    dash(r.program),
    dash(r.project?.replace(/^Tiểu dự án (\d+) Dự án (\d+)$/, 'TDA $1 DA $2').replace(/^Dự án /, 'DA ').replace(/^Nội dung thành phần số /, 'NDTP ')),
    dash(place(r)),
    dash(when(r)),
    r.quote.trim(),
  ]);
  const n = rows.length;
  const count = more
    ? `showing the first ${n} figures; more match (--limit N for more, --format csv or json for all)`
    : `${n} figure${n === 1 ? '' : 's'}`;
  return (
    renderTable(header, body, 48) +
    `${count}\n` +
    (n ? 'prog: dtts, gnbv, ntm = the three programmes, all = them together; DA = Dự án, TDA = Tiểu dự án, NDTP = Nội dung thành phần số; - = not stated\n' : '')
  );
}

/** Nothing found for a place we do not know: most likely a typo, so say what it may have meant. */
function warnUnknownPlaces(province: string | undefined, district: string | undefined, suggest: (name: string, level: 'province' | 'district') => string | null): void {
  for (const [level, name] of [['province', province], ['district', district]] as const) {
    const hint = name === undefined ? null : suggest(name, level);
    if (hint) process.stderr.write(`solieu query: no ${level} named '${name}'; did you mean '${hint}'?\n`);
  }
}
