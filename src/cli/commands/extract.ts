// `solieu extract <file|url|-> [--json [--pretty] | --explain]`: the contract JSON, the provenance of each
// field, or a readable table of every figure with its meaning and where it stands (page,
// paragraph, table cell, or character offset in plain text).
import type { ExtractOutput, Figure } from '../../contract/schema.ts';
import { renderTable } from '../../store/table.ts';
import { describeLocator } from '../../parsers/locator.ts';
import { act, solieuCommand, withExamples, withUsageAfterErrors } from '../command.ts';

export const command = withExamples(
  withUsageAfterErrors(
    solieuCommand('extract', 'figures of one file, URL or standard input, as a table or the contract JSON')
      .argument('<input>', "a .txt/.docx/.pdf/.html file, an http(s) URL, or '-' for standard input")
      .option('--json', 'print the contract JSON (document text, every figure with span, meaning, citation)')
      .option('--pretty', 'with --json: indented (compact otherwise)')
      .option('--explain', 'each figure with every meaning field and the pass, rule and phrase that set it')
      .option('--allow-private', 'fetch a URL from a private, loopback or link-local address (intranets, tests)')
      .action(
        act(async (input: string, opts: { json?: boolean; pretty?: boolean; explain?: boolean; allowPrivate?: boolean }) => {
          // The sandbox worker boots while this thread loads the pipeline and reads the input.
          (await import('../../sandbox/pool.ts')).prestartSandbox();
          const [{ extractFile, extractFileJson }, { explain }] = await Promise.all([import('../../pipeline.ts'), import('../explain.ts')]);
          const fetchOptions = { allowPrivate: opts.allowPrivate };
          if (opts.json) {
            // Written as the worker serialised it, chunk by chunk: the output is never one string here.
            const { json, warnings } = await extractFileJson(input, opts.pretty ?? false, fetchOptions);
            warn(input, warnings);
            for (const chunk of json) process.stdout.write(chunk);
            process.stdout.write('\n');
            return 0;
          }
          const out = await extractFile(input, fetchOptions);
          warn(input, out.warnings ?? []);
          process.stdout.write(opts.explain ? explain(out) : readable(out));
          return 0;
        }),
      ),
  ),
  [
    ['solieu extract bao-cao.docx', 'the figures of a report as a table'],
    ['solieu extract https://example.gov.vn/tin.html --json', 'a web page, as the contract JSON'],
    ['solieu extract bao-cao.txt --explain', 'why each figure has the metric, place, date… it has'],
    ["pdftotext bao-cao.pdf - | solieu extract -", 'text from a pipe'],
  ],
);

function warn(input: string, warnings: string[]): void {
  for (const w of warnings) process.stderr.write(`${input}: warning: ${w}\n`);
}

function readable(out: ExtractOutput): string {
  const { document: doc, figures } = out;
  const head = [
    `${doc.title ?? '(no title)'} — ${doc.format}${doc.published ? `, ${doc.published}` : ''}`,
    `${figures.length} figures (${count(figures, 'money')} money, ${count(figures, 'percent')} percent, ${count(figures, 'quantity')} quantity)`,
    '',
  ].join('\n');
  const rows = figures.map((f) => [
    f.id,
    formatValue(f),
    f.kind === 'money' ? 'VND' : f.unit + (f.per ? `/${f.per}` : ''),
    [f.metric, f.rateKind].filter(Boolean).join(' ') + (f.rateOf ? ` of ${f.rateOf}` : '') + (f.partOf ? ` part of ${f.partOf}` : ''),
    [f.program, f.project].filter(Boolean).join(' · '),
    f.location ? [f.location.district, f.location.province].filter(Boolean).join(', ') + (f.location.current && f.location.current !== f.location.province ? ` (→ ${f.location.current})` : '') : '',
    f.asOf ?? (f.year ? String(f.year) : ''),
    describeLocator(f.locator) || `@${f.start}`,
    quote(doc.text, f),
  ]);
  return head + renderTable(['id', 'value', 'unit', 'meaning', 'programme', 'place', 'date', 'where', 'quote'], rows, 70);
}

function count(figures: Figure[], kind: Figure['kind']): number {
  return figures.filter((f) => f.kind === kind).length;
}

function formatValue(f: Figure): string {
  const q = { exact: '', over: '> ', under: '< ', approx: '≈ ' }[f.qualifier];
  const n = (v: number) => v.toLocaleString('vi-VN');
  const range = f.rangeTo !== null ? `–${n(f.rangeTo)}` : '';
  const of = f.of !== null ? `/${n(f.of)}` : '';
  return `${q}${n(f.value)}${range}${of}`;
}

/** The figure in its sentence, cut to a readable window around it. */
function quote(text: string, f: Figure): string {
  const from = Math.max(f.sentence.start, f.start - 30);
  const to = Math.min(f.sentence.end, f.end + 30);
  return `${from > f.sentence.start ? '…' : ''}${text.slice(from, to)}${to < f.sentence.end ? '…' : ''}`;
}
