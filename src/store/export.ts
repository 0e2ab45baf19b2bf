// Figure rows to and from csv / json / jsonl. Reading an export back gives the same rows, typed
// by the row schema (CSV cells are strings until the schema says a column is a number).
import { FIGURE_COLUMNS, FigureRowSchema, type FigureRowOut } from './figure-row.ts';
import { csvLine, parseCsv } from './csv.ts';

export const EXPORT_FORMATS = ['csv', 'json', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Writes rows one piece at a time, so a large export streams. */
export function* serialize(rows: Iterable<FigureRowOut>, format: ExportFormat): Generator<string> {
  if (format === 'csv') yield csvLine([...FIGURE_COLUMNS]);
  if (format === 'json') yield '[';
  let first = true;
  for (const r of rows) {
    if (format === 'csv') yield csvLine(FIGURE_COLUMNS.map((c) => r[c]));
    else if (format === 'jsonl') yield JSON.stringify(r) + '\n';
    else {
      yield (first ? '\n' : ',\n') + JSON.stringify(r);
      first = false;
    }
  }
  if (format === 'json') yield '\n]\n';
}

const NUMERIC = new Set<string>(['version', 'value', 'of', 'rangeTo', 'year', 'confidence', 'start', 'end', 'quoteStart', 'quoteEnd']);

export function parseExport(text: string, format: ExportFormat): FigureRowOut[] {
  if (format === 'json') return (JSON.parse(text) as unknown[]).map((r) => FigureRowSchema.parse(r));
  if (format === 'jsonl')
    return text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => FigureRowSchema.parse(JSON.parse(l)));
  const [header, ...rows] = parseCsv(text);
  return rows.map((cells) =>
    FigureRowSchema.parse(
      Object.fromEntries(header.map((h, i) => [h, cells[i] !== null && NUMERIC.has(h!) ? Number(cells[i]) : cells[i]])),
    ),
  );
}
