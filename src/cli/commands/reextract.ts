// `solieu reextract [--force] [--db PATH]`: recompute figures from the stored text and structure
// for documents extracted by another extractor/patterns version, then re-audit.
import { parseArgs } from 'node:util';
import { openDb, resolveDbPath } from '../../store/db.ts';
import { currentVersions } from '../../store/ingest.ts';
import { reextractStore } from '../../store/reextract.ts';
import { auditStore } from '../../store/findings.ts';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, force: { type: 'boolean' } } });
  const db = openDb(resolveDbPath(values.db));
  try {
    const versions = currentVersions();
    const s = reextractStore(db, versions, { force: values.force });
    const audit = s.reextracted.length ? auditStore(db) : null;
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
