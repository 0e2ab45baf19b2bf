// The figure filter options `query` and `export` share (parsed by store/filter-args.ts).
import type { Command } from 'commander';
import { KINDS, METRICS, PROGRAMS } from '../../contract/vocabulary.ts';

/** [flag, help] of each filter option, for the commands to declare. */
const FILTER_OPTIONS: [string, string][] = [
  ['--province <name>', 'as written or as today\'s province ("Dien Bien" = "Điện Biên"; "Bắc Kạn" also finds Thái Nguyên)'],
  ['--district <name>', 'district, folded the same way'],
  ['--program <p>', `programme: ${PROGRAMS.join(', ')} (all = the programmes together)`],
  ['--project <label>', '"Dự án 9" (with its sub-projects), "Du an 9", "9", "Tiểu dự án 1 Dự án 9", "Nội dung thành phần số 2"'],
  ['--metric <m>', `one of ${METRICS.join(', ')}`],
  ['--kind <k>', KINDS.join(', ')],
  ['--year <yyyy>', 'the figure\'s year'],
  ['--from <date>', 'as of this date or later (YYYY, YYYY-MM or YYYY-MM-DD)'],
  ['--to <date>', 'as of this date or earlier'],
  ['--min <value>', 'at least this value, written as documents write it: 275.332 = 275332; "200 tỷ"; "50%"'],
  ['--max <value>', 'at most this value'],
  ['--value <figure>', 'a figure as written anywhere: "275 tỷ" matches 275.332 triệu đồng; "hơn 275 tỷ đồng"; "16,6%"'],
  ['--text <words>', 'words in the quoted sentence (diacritics optional; "275,332" also finds "275.332"); one figure in it is read as --value'],
  ['--top-level', 'only figures that are no part of another (for totals that do not count parts twice)'],
  ['--all-versions', 'include superseded versions of changed documents'],
];


export function filterOptions(cmd: Command): Command {
  for (const [flags, help] of FILTER_OPTIONS) cmd.option(flags, help);
  return cmd;
}
