// `solieu audit [--rule R] [--source PATH] [--format table|json | --json] [--no-run | --all]`: audit
// what was not audited yet (or, with --all, everything again, replacing earlier findings) and list
// the findings with their citations.
import { resolve } from 'node:path';
import { openDb, resolveDbPath } from '../../store/db.ts';
import { auditPending, auditStore } from '../../store/findings.ts';
import { listFindings } from '../../store/finding-rows.ts';
import { renderFindings } from '../../store/finding-text.ts';
import { RULES, type Rule } from '../../audit/finding.ts';
import { argsOrUsage } from '../../store/args.ts';

const USAGE = `usage: solieu audit [--rule ${RULES.join('|')}] [--source PATH] [--text T] [--format table|json | --json] [--no-run | --all] [--db PATH]\n`;

export async function run(argv: string[]): Promise<number> {
  const args = argsOrUsage(
    {
      args: argv,
      options: {
        db: { type: 'string' },
        rule: { type: 'string' },
        source: { type: 'string' },
        text: { type: 'string' },
        format: { type: 'string', default: 'table' },
        json: { type: 'boolean' },
        'no-run': { type: 'boolean' },
        all: { type: 'boolean' },
      },
    },
    'audit',
    USAGE,
  );
  if (!args) return 2;
  const { values } = args;
  if (values.rule !== undefined && !(RULES as readonly string[]).includes(values.rule)) {
    process.stderr.write(`solieu audit: unknown rule '${values.rule}'\n${USAGE}`);
    return 2;
  }
  // --json, as in `solieu extract --json`, is --format json.
  const format = values.json ? 'json' : values.format;
  if (!['table', 'json'].includes(format)) {
    process.stderr.write(`solieu audit: --format must be table or json\n${USAGE}`);
    return 2;
  }
  const db = openDb(resolveDbPath(values.db));
  try {
    const ran = values['no-run'] ? null : values.all ? auditStore(db) : auditPending(db);
    const findings = listFindings(db, {
      rule: values.rule as Rule | undefined,
      source: values.source === undefined ? undefined : resolve(values.source),
      text: values.text,
    });
    if (format === 'json') process.stdout.write(JSON.stringify(findings, null, 2) + '\n');
    else {
      if (ran) process.stdout.write(`audited ${ran.audited.length} documents and ${ran.keys} cross-document keys: ${ran.findings} findings\n`);
      process.stdout.write(renderFindings(findings));
    }
    return 0;
  } finally {
    db.close();
  }
}
