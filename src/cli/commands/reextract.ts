// `solieu reextract [--force]`: recompute figures from the stored text and structure for documents
// extracted by another extractor/patterns version, then re-audit. Exits 1 when a document failed.
import { act, solieuCommand, withExamples, withUsageAfterErrors } from '../command.ts';
import { dbOption, type DbOptions } from './db-option.ts';

interface Options extends DbOptions {
  force?: boolean;
  quiet?: boolean;
}

export const command = withExamples(
  withUsageAfterErrors(
    dbOption(solieuCommand('reextract', 'recompute figures from stored text after patterns/ or the extractor changed'))
      .option('--force', 'recompute every document, not only those made by another version')
      .option('-q, --quiet', 'no progress bar')
      .action(act(run)),
  ),
  [['solieu reextract', 'after editing patterns/*.json: the stored documents read again, no files needed']],
);

async function run(opts: Options): Promise<number> {
  const [{ openStore, resolveDbPath }, { currentVersions }, { reextractStore }, { auditPending }, { progress, status }] = await Promise.all([
    import('../../store/db.ts'),
    import('../../store/ingest.ts'),
    import('../../store/reextract.ts'),
    import('../../store/findings.ts'),
    import('../progress.ts'),
  ]);
  const db = openStore(resolveDbPath(opts.db), 'write');
  try {
    const versions = currentVersions();
    let bar: ReturnType<typeof progress> | null = null;
    const s = await reextractStore(db, versions, {
      force: opts.force,
      onDocument: (done, total, name) => {
        bar ??= progress(total, 'documents', opts);
        bar.tick(name);
        if (done === total) bar.stop();
      },
    });
    // A document that fails keeps its figures and its old versions (so the next run tries it again).
    for (const f of s.failed) process.stderr.write(`${f.name}: ${f.reason}\n`);
    const done = status('auditing', opts);
    const audit = s.reextracted.length ? auditPending(db) : null;
    done();
    process.stdout.write(
      `reextracted ${s.reextracted.length} documents (figures ${s.figuresBefore} -> ${s.figuresAfter}), ` +
        (s.failed.length ? `failed ${s.failed.length}, ` : '') +
        `${s.upToDate} already at extractor ${versions.extractor} / patterns ${versions.patterns}` +
        (audit ? `; audit: ${audit.findings} findings\n` : '\n'),
    );
    return s.failed.length ? 1 : 0;
  } finally {
    db.close();
  }
}
