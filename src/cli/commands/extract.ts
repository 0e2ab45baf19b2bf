// `solieu extract <file|url> [--json [--pretty] | --explain]`: the contract JSON (compact; indented
// with --pretty), or a readable table of every figure with its meaning and where it stands
// (page/paragraph/table cell, or character offset in plain text).
import { parseArgs } from 'node:util';
import { extractFile } from '../../pipeline.ts';
import { renderTable } from '../../store/table.ts';
import { describeLocator } from '../../parsers/locator.ts';
import { explain } from '../explain.ts';
import type { ExtractOutput, Figure } from '../../contract/schema.ts';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean' }, pretty: { type: 'boolean' }, explain: { type: 'boolean' }, 'allow-private': { type: 'boolean' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) {
    process.stderr.write('usage: solieu extract <file|url> [--json [--pretty] | --explain] [--allow-private]\n');
    return 2;
  }
  const out = await extractFile(positionals[0], { allowPrivate: values['allow-private'] });
  for (const w of out.warnings ?? []) process.stderr.write(`${positionals[0]}: warning: ${w}\n`);
  process.stdout.write(values.json ? JSON.stringify(out, null, values.pretty ? 2 : undefined) + '\n' : values.explain ? explain(out) : readable(out));
  return 0;
}

export function readable(out: ExtractOutput): string {
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
