// `solieu audit`: audit what was not audited yet (with --all, everything again, replacing earlier
// findings) and list the findings with their citations; --rule, --source and --text narrow the
// list, and the counts say so. The table ends with the parser warnings stored with the documents.
import { Option } from 'commander';
import { RULES, type Rule } from '../../audit/finding.ts';
import { act, solieuCommand, withExamples, withUsageAfterErrors } from '../command.ts';
import { dbOption, type DbOptions } from './db-option.ts';

interface Options extends DbOptions {
  rule?: Rule;
  source?: string;
  text?: string;
  format: 'table' | 'json';
  json?: boolean;
  run: boolean;
  all?: boolean;
  quiet?: boolean;
}

export const command = withExamples(
  withUsageAfterErrors(
    dbOption(solieuCommand('audit', 'check rates against amounts, parts against totals, sub-projects against projects, and one fact across documents'))
      .addOption(new Option('--rule <rule>', 'only findings of this rule').choices(RULES))
      .option('--source <name>', 'only findings with a figure from this source (file name as shown, path or URL)')
      .option('--text <words>', 'only findings whose message has these words')
      .addOption(new Option('--format <format>', 'output').choices(['table', 'json']).default('table'))
      .option('--json', 'same as --format json')
      .option('--no-run', 'list the stored findings without auditing')
      .option('--all', 'audit every stored document again, not only what is new or changed')
      .option('-q, --quiet', 'no progress line')
      .action(act(run)),
  ),
  [
    ['solieu audit', 'audit everything stored and list the findings'],
    ['solieu audit --rule cross_document --no-run', 'the same fact reported differently by two documents'],
    ['solieu audit --source bao-cao-6-thang.docx --json', "one report's findings as JSON"],
  ],
);

async function run(opts: Options): Promise<number> {
  const [{ openStore, resolveDbPath }, { auditPending, auditStore }, { listFindings, sourcesNamed }, { renderFindings }, { status }, { InputError }, { renderWarnings, storedWarnings }] =
    await Promise.all([
      import('../../store/db.ts'),
      import('../../store/findings.ts'),
      import('../../store/finding-rows.ts'),
      import('../../store/finding-text.ts'),
      import('../progress.ts'),
      import('../../contract/errors.ts'),
      import('../../store/warnings.ts'),
    ]);
  const dbPath = resolveDbPath(opts.db);
  const db = openStore(dbPath, opts.run ? 'write' : 'read');
  try {
    if (opts.source !== undefined && sourcesNamed(db, opts.source).length === 0)
      throw new InputError(opts.source, `no stored source has this name or path; 'solieu query --format csv' lists the sources`);
    const done = status('auditing', opts);
    const ran = opts.run ? (opts.all ? auditStore(db) : auditPending(db)) : null;
    done();
    const findings = listFindings(db, { rule: opts.rule, source: opts.source, text: opts.text });
    if (opts.json || opts.format === 'json') {
      process.stdout.write(JSON.stringify(findings, null, 2) + '\n');
      return 0;
    }
    const narrowed = [opts.rule && `rule ${opts.rule}`, opts.source && `source ${opts.source}`, opts.text && `text '${opts.text}'`].filter(Boolean);
    const total = ran ? `audited ${ran.audited.length} documents and ${ran.keys} cross-document keys: ${listFindings(db).length} findings in all` : `stored findings: ${listFindings(db).length} in all`;
    process.stdout.write(`${total}${narrowed.length ? `; ${findings.length} with ${narrowed.join(', ')}` : ''}\n`);
    process.stdout.write(renderFindings(findings));
    // What the parsers dropped or decided, stored with each document: not findings of a rule.
    if (!opts.rule && opts.text === undefined) process.stdout.write(renderWarnings(storedWarnings(db, opts.source)));
    return 0;
  } finally {
    db.close();
  }
}
