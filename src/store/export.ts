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
    if (format === 'csv') yield csvLine(FIGURE_COLUMNS.map((c) => (c === 'locator' ? locatorCell(r.locator) : r[c])));
    else if (format === 'jsonl') yield JSON.stringify(r) + '\n';
    else {
      yield (first ? '\n' : ',\n') + JSON.stringify(r);
      first = false;
    }
  }
  if (format === 'json') yield '\n]\n';
}

/** CSV has no objects: the locator is its JSON text there. */
function locatorCell(l: FigureRowOut['locator']): string | null {
  return l === null ? null : JSON.stringify(l);
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
      Object.fromEntries(header.map((h, i) => [h, cellValue(h!, cells[i])])),
    ),
  );
}

function cellValue(column: string, cell: string | null): unknown {
  if (cell === null) return null;
  if (column === 'locator') return JSON.parse(cell);
  return NUMERIC.has(column) ? Number(cell) : cell;
}

/** The CSV export's header line (computed once: ingest asks isSolieuExport of every file). */
const CSV_HEADER = csvLine([...FIGURE_COLUMNS]).trimEnd();

/** True when the bytes are `solieu export` output (CSV, JSON or JSONL), which is no document. */
export function isSolieuExport(bytes: Uint8Array): boolean {
  // A view of the first 4 KB, not a copy.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('utf8').replace(/^\uFEFF/, '');
  // JSON rows start with the first columns of the row schema, in the order the store writes them.
  return head.startsWith(CSV_HEADER) || /^\[?\s*\{"source":"(?:[^"\\]|\\.)*","version":\d+,"sha256":"/.test(head);
}
