// `solieu ingest <files|folders…> [--db PATH] [--no-audit]`: store documents, figures and
// citations, audit what changed, and say what was found in what was stored. Exits 1 only when a
// file failed.
import { basename } from 'node:path';
import { openDb, resolveDbPath } from '../../store/db.ts';
import { listInputs } from '../../store/inputs.ts';
import { ingestFiles, type IngestOutcome } from '../../store/ingest.ts';
import { listFindings } from '../../store/finding-rows.ts';
import { renderFindings } from '../../store/finding-text.ts';
import { figuresByProgramAndPlace } from '../../store/stats.ts';
import { renderTable } from '../../store/table.ts';
import { argsOrUsage } from '../../store/args.ts';

/** Findings printed after an ingest; `solieu audit` lists them all. */
const SHOWN_FINDINGS = 20;

const USAGE = 'usage: solieu ingest <files|folders…> [--db PATH] [--no-audit] [--quiet]\n';

export async function run(argv: string[]): Promise<number> {
  const args = argsOrUsage(
    { args: argv, options: { db: { type: 'string' }, 'no-audit': { type: 'boolean' }, quiet: { type: 'boolean' } }, allowPositionals: true },
    'ingest',
    USAGE,
  );
  if (!args) return 2;
  const { values, positionals } = args;
  if (positionals.length === 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  const dbPath = resolveDbPath(values.db);
  const db = openDb(dbPath);
  try {
    const files = listInputs(positionals);
    const progress = process.stderr.isTTY ? progressBar(files.length) : null;
    let done = 0;
    const outcomes = await ingestFiles(db, files, {
      audit: !values['no-audit'],
      onOutcome: (o) => {
        if (o.status === 'failed') {
          progress?.clear();
          process.stderr.write(`${o.file}: ${o.reason}\n`);
        }
        if (o.status === 'ingested') for (const w of o.warnings ?? []) process.stderr.write(`${o.file}: warning: ${w}\n`);
        progress?.(++done, o.file);
      },
    });
    progress?.clear();
    const count = (s: IngestOutcome['status']) => outcomes.filter((o) => o.status === s).length;
    const ingested = outcomes.flatMap((o) => (o.status === 'ingested' ? [o] : []));
    const figures = ingested.reduce((n, o) => n + o.figures, 0);
    const out: string[] = [
      `${dbPath}: ingested ${count('ingested')} (${figures} figures), unchanged ${count('unchanged')}, failed ${count('failed')}`,
    ];
    // The summary covers what this run stored, so it costs the same in a store of any size.
    const documents = ingested.map((o) => o.documentId);
    if (!values.quiet) {
      const byPlace = figuresByProgramAndPlace(db, documents);
      if (byPlace.length) {
        out.push('', 'Figures by programme and place:');
        out.push(renderTable(['programme', 'place', 'figures', 'money'], byPlace.map((r) => [r.program, r.place, String(r.figures), String(r.money)])).trimEnd());
      }
      const findings = listFindings(db, { documents });
      out.push('', `Audit findings: ${findings.length}`);
      if (findings.length) out.push(renderFindings(findings.slice(0, SHOWN_FINDINGS)).trimEnd());
      if (findings.length > SHOWN_FINDINGS) out.push(`… ${findings.length - SHOWN_FINDINGS} more: solieu audit --no-run`);
    }
    process.stdout.write(out.join('\n') + '\n');
    return count('failed') > 0 ? 1 : 0;
  } finally {
    db.close();
  }
}

/** A one-line bar on stderr, redrawn in place; only used on a terminal. */
function progressBar(total: number): ((done: number, file: string) => void) & { clear(): void } {
  const width = 30;
  const draw = (done: number, file: string) => {
    const filled = total ? Math.round((done / total) * width) : width;
    const name = basename(file).slice(0, 40);
    process.stderr.write(`\r\x1b[K[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} ${name}`);
  };
  return Object.assign(draw, { clear: () => process.stderr.write('\r\x1b[K') });
}
