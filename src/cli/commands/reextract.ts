// `solieu reextract [--force] [--db PATH]`: recompute figures from the stored text and structure
// for documents extracted by another extractor/patterns version, then re-audit.
import { openDb, resolveDbPath } from '../../store/db.ts';
import { currentVersions } from '../../store/ingest.ts';
import { reextractStore } from '../../store/reextract.ts';
import { auditPending } from '../../store/findings.ts';
import { argsOrUsage } from '../../store/args.ts';

const USAGE = 'usage: solieu reextract [--force] [--db PATH]\n';

export async function run(argv: string[]): Promise<number> {
  const args = argsOrUsage({ args: argv, options: { db: { type: 'string' }, force: { type: 'boolean' } } }, 'reextract', USAGE);
  if (!args) return 2;
  const { values } = args;
  const db = openDb(resolveDbPath(values.db));
  try {
    const versions = currentVersions();
    const s = reextractStore(db, versions, { force: values.force });
    const audit = s.reextracted.length ? auditPending(db) : null;
    process.stdout.write(
      `reextracted ${s.reextracted.length} documents (figures ${s.figuresBefore} -> ${s.figuresAfter}), ` +
        `${s.upToDate} already at extractor ${versions.extractor} / patterns ${versions.patterns}` +
        (audit ? `; audit: ${audit.findings} findings\n` : '\n'),
    );
    return 0;
  } finally {
    db.close();
  }
}
