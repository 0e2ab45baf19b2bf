// A plain-text table for the terminal. Cell text is shown as text: control characters (escape
// sequences, carriage returns) are made visible instead of reaching the terminal.
export function visible(s: string): string {
  return s.replace(/[\t\n]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function renderTable(header: string[], rows: string[][], maxWidth = 60): string {
  const cut = (s: string) => {
    const v = visible(s);
    return v.length > maxWidth ? v.slice(0, maxWidth - 1) + '…' : v;
  };
  const body = rows.map((r) => r.map(cut));
  // A loop, not Math.max(...spread): a spread of 100,000+ rows overflows the stack.
  const widths = header.map((h, i) => body.reduce((w, r) => Math.max(w, r[i].length), h.length));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n') + '\n';
}
