// `solieu ingest <inputs…>`: store documents, figures and citations, audit what changed, and say
// what was found, skipped or failed. Exits 1 only when an input failed.
import { act, solieuCommand, withExamples, withUsageAfterErrors } from '../command.ts';
import { dbOption, type DbOptions } from './db-option.ts';

/** Findings printed after an ingest; `solieu audit` lists them all. */
const SHOWN_FINDINGS = 20;

interface Options extends DbOptions {
  audit: boolean;
  quiet?: boolean;
  allowPrivate?: boolean;
}

export const command = withExamples(
  withUsageAfterErrors(
    dbOption(solieuCommand('ingest', 'store documents, figures, citations and links; audit them; print a summary'))
      .argument('<inputs...>', "files, folders (walked for .txt .docx .pdf .html), http(s) URLs, or '-' for standard input")
      .option('--no-audit', 'do not audit after storing (run solieu audit later)')
      .option('-q, --quiet', 'no progress bar, no skipped-file lines, no summary tables')
      .option('--allow-private', 'fetch URLs from private, loopback or link-local addresses (intranets, tests)')
      .action(act(run)),
  ),
  [
    ['solieu ingest bao-cao/', 'every document in a folder, into ./solieu.sqlite'],
    ['solieu ingest https://example.gov.vn/tin.html --db tin.sqlite', 'a web page, into another database'],
    ['curl -s URL | solieu ingest -', 'a document from a pipe (stored as stdin:<sha256 prefix>)'],
  ],
);

async function run(args: string[], opts: Options): Promise<number> {
  // The sandbox worker boots while this thread loads the store and opens it.
  (await import('../../sandbox/pool.ts')).prestartSandbox();
  const [{ openStore, resolveDbPath }, { listInputs }, ingest, rows, text, { figuresByProgramAndPlace }, { renderTable }, { progress }] =
    await Promise.all([
      import('../../store/db.ts'),
      import('../../store/inputs.ts'),
      import('../../store/ingest.ts'),
      import('../../store/finding-rows.ts'),
      import('../../store/finding-text.ts'),
      import('../../store/stats.ts'),
      import('../../store/table.ts'),
      import('../progress.ts'),
    ]);
  const dbPath = resolveDbPath(opts.db);
  const db = openStore(dbPath, 'create');
  try {
    const { inputs, skipped } = listInputs(args);
    const bar = progress(inputs.length, 'files', opts);
    if (!opts.quiet) for (const s of skipped) bar.note(`${s.path}: skipped: ${s.why}`);
    const sameAs: string[] = [];
    // Batched: documents are written in batches and audited (own figures from memory, then the
    // cross-document keys they touched) by ingestFiles.
    const ingesting = ingest.ingestFiles(db, inputs, {
      audit: opts.audit,
      fetch: { allowPrivate: opts.allowPrivate },
      onOutcome: (o) => {
        if (o.status === 'failed') bar.note(`${o.file}: ${o.reason}`);
        if (o.status === 'ingested') for (const w of o.warnings ?? []) bar.note(`${o.file}: warning: ${w}`);
        if (o.status === 'unchanged' && o.firstName) sameAs.push(`${o.file}: same content as ${o.firstName}; both names recorded`);
        bar.tick(o.file);
      },
    });
    // The audit in the worker writes numbers the Vietnamese way. ICU loads a locale's data once
    // for the whole process: loaded here, while this thread waits for the worker, the worker's
    // first audit does not pay for it (~15 ms). Two turns later, once the first file has been
    // read and sent (../../sandbox/pool.ts sends on the next turn), so that it does not hold
    // the first job back while the worker waits.
    if (opts.audit) setImmediate(() => setImmediate(() => new Intl.NumberFormat('vi-VN').format(0)));
    const outcomes = await ingesting;
    bar.stop();
    const count = (s: (typeof outcomes)[number]['status']) => outcomes.filter((o) => o.status === s).length;
    const ingested = outcomes.flatMap((o) => (o.status === 'ingested' ? [o] : []));
    const figures = ingested.reduce((n, o) => n + o.figures, 0);
    const out: string[] = [
      `${dbPath}: ingested ${count('ingested')} (${figures} figures), unchanged ${count('unchanged')}, failed ${count('failed')}` +
        (skipped.length ? `, skipped ${skipped.length}` : ''),
      ...sameAs,
    ];
    // The summary covers what this run stored, so it costs the same in a store of any size.
    const documents = ingested.map((o) => o.documentId);
    if (!opts.quiet) {
      const byPlace = figuresByProgramAndPlace(db, documents);
      if (byPlace.length) {
        out.push('', 'Figures by programme and place (all = the programmes together, - = not stated):');
        out.push(renderTable(['programme', 'place', 'figures', 'money'], byPlace.map((r) => [r.program, r.place, String(r.figures), String(r.money)])).trimEnd());
      }
      if (!opts.audit) out.push('', "Audit: not run (--no-audit); 'solieu audit' checks the stored figures");
      else {
        const found = rows.listFindings(db, { documents });
        out.push('', `Audit findings: ${found.length}`);
        if (found.length) out.push(text.renderFindings(found.slice(0, SHOWN_FINDINGS)).trimEnd());
        if (found.length > SHOWN_FINDINGS) out.push(`… ${found.length - SHOWN_FINDINGS} more: solieu audit --no-run`);
      }
    }
    process.stdout.write(out.join('\n') + '\n');
    return count('failed') > 0 ? 1 : 0;
  } finally {
    db.close();
  }
}
