// RFC 4180 CSV. A null is an empty unquoted field and an empty string is "", so rows survive a
// round trip through a file exactly.
export type Cell = string | number | null;

export function csvLine(cells: Cell[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

function csvCell(c: Cell): string {
  if (c === null) return '';
  const s = String(c);
  return s === '' || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Parses CSV text into rows of cells (null for empty unquoted fields). */
export function parseCsv(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  while (i < text.length) {
    let cell: string | null;
    if (text[i] === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('CSV: unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            s += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else s += text[i++];
      }
      cell = s;
    } else {
      let j = i;
      while (j < text.length && text[j] !== ',' && text[j] !== '\r' && text[j] !== '\n') j++;
      cell = j === i ? null : text.slice(i, j);
      i = j;
    }
    row.push(cell);
    if (text[i] === ',') i++;
    else {
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}
