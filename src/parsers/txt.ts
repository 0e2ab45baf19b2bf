// Plain text -> ParsedDocument. The text is the decoded file, NFC-normalized and otherwise untouched
// (CONTRACT: offsets stay valid for anyone holding the NFC text); structure found in it is described by blocks only: tab-separated
// tables (header line, then rows) and "[N: …]" footnote bodies referenced by "[footnoteRef:N]".
import type { Block, ParsedDocument } from '../contract/parsed.ts';
import { textFootnotes } from '../text/footnotes.ts';
import { InputError } from '../contract/errors.ts';
import { decodeText, DecodeError } from '../text/decode.ts';

export function parseTxt(bytes: Uint8Array, name: string): ParsedDocument {
  let text: string;
  let warnings: string[] | undefined;
  try {
    ({ text, warnings } = decodeText(bytes));
  } catch (e) {
    if (e instanceof DecodeError) throw new InputError(name, e.message);
    throw e;
  }
  if (text.trim() === '') throw new InputError(name, 'no text in the file');
  const blocks = tableBlocks(text).concat(textFootnotes(text));
  return { format: 'txt', title: null, published: null, text, blocks, ...(warnings ? { warnings } : {}) };
}

interface Line {
  start: number;
  text: string;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    lines.push({ start, text: raw.replace(/\r$/, '') });
    start += raw.length + 1;
  }
  return lines;
}

/** Runs of two or more lines holding tabs are tables: the first line is the header row. */
export function tableBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = linesOf(text);
  let table = 0;
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j < lines.length && lines[j].text.includes('\t')) j++;
    if (j - i < 2) {
      i = Math.max(j, i + 1);
      continue;
    }
    table++;
    const rows = lines.slice(i, j).map(cellsOf);
    const header = rows[0];
    rows.forEach((cells, r) =>
      cells.forEach((cell, c) => {
        if (cell.text === '') return;
        const isHeader = r === 0;
        blocks.push({
          kind: 'table-cell',
          start: cell.start,
          end: cell.start + cell.text.length,
          locator: { table, row: r + 1, col: c + 1 },
          rowLabel: isHeader || c === 0 ? null : cells[0]?.text || null,
          colHeader: isHeader ? null : header[c]?.text || null,
        });
      }),
    );
    i = j;
  }
  return blocks;
}

function cellsOf(line: Line): { start: number; text: string }[] {
  const cells: { start: number; text: string }[] = [];
  let at = line.start;
  for (const raw of line.text.split('\t')) {
    const lead = raw.length - raw.trimStart().length;
    cells.push({ start: at + lead, text: raw.trim() });
    at += raw.length + 1;
  }
  return cells;
}

