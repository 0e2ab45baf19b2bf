// PDF page lines -> blocks (pure). pdf-parse gives each page as lines of text items; this drops
// running headers, footers and page numbers, lifts footnote markers and bodies, puts detected
// tables in place, joins lines into paragraphs, and mends hyphenation and numbers broken at a
// line end. Locators: page (+ paragraph, table/row/column, footnote).
import { TextBuilder, oneLine } from './builder.ts';

export interface PdfPage {
  num: number;
  /** Each line as its text items in order (pdf.js items: a superscript footnote marker is its own item). */
  lines: string[][];
  /** Tables found on the page (rows of cell texts), as pdf-parse's getTable gives them. */
  tables: string[][][];
}

interface Line {
  page: number;
  text: string;
  /** Footnote markers lifted out of the line: number and offset in `text` where it stood. */
  markers: { n: number; pos: number }[];
}

type Piece = { kind: 'line'; line: Line; maxLen: number; pageStart: boolean } | { kind: 'table'; page: number; rows: string[][] };

const PAGE_NUMBER = /^(?:trang\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?$|^\d{1,4}\s*\/\s*\d{1,4}$/i;
const NUMBERED = /^(?:PHẦN\s+[IVXLC]+\b|[IVXLC]+\.\s|\d+(?:\.\d+)*\.\s|[a-zđ]\)\s)/u;
const LIST_START = /^(?:[-–•+*]\s|Phụ lục\b)/u;
/** A line shorter than this share of the page's longest line ends its paragraph. */
const SHORT_LINE = 0.8;

const lineText = (items: string[]) => items.join('');
const shape = (s: string) => oneLine(s).replace(/\d+/g, '#');

/**
 * Lines at the top (or bottom) of most pages that are running headers (footers): the same shape on
 * more than half the pages, and the same text on each but for numbers that stay put or follow the
 * page number ("Báo cáo số 12/BC-UBND - trang 3"). Lines of one shape whose figures change from
 * page to page (a table's rows at the page edges) are body text and stay.
 */
function runningLines(pages: PdfPage[], edge: 'first' | 'last'): Set<string> {
  const seen = new Map<string, { page: number; text: string }[]>();
  for (const page of pages) {
    const nonEmpty = page.lines.map((l) => oneLine(lineText(l))).filter((s) => s !== '');
    const pick = edge === 'first' ? nonEmpty.slice(0, 2) : nonEmpty.slice(-2);
    for (const text of new Set(pick)) {
      const list = seen.get(shape(text)) ?? [];
      if (!list.some((x) => x.page === page.num)) list.push({ page: page.num, text });
      seen.set(shape(text), list);
    }
  }
  const min = Math.max(2, Math.floor(pages.length / 2) + 1);
  return new Set([...seen].filter(([, list]) => list.length >= min && numbersRun(list)).map(([s]) => s));
}

/** Whether each number of the line is the same on every page or moves with the page number. */
function numbersRun(list: { page: number; text: string }[]): boolean {
  const numbers = list.map((x) => (x.text.match(/\d+/g) ?? []).map(Number));
  return numbers[0].every((_, i) => {
    const fixed = numbers.every((ns) => ns[i] === numbers[0][i]);
    const paged = numbers.every((ns, k) => ns[i] - list[k].page === numbers[0][i] - list[0].page);
    return fixed || paged;
  });
}

/** Body lines of a page: running headers/footers and page numbers gone, empty lines dropped. */
function bodyLines(lines: string[][], heads: Set<string>, feet: Set<string>, dropped: string[]): string[][] {
  const out = lines.filter((l) => lineText(l).trim() !== '');
  for (let k = 0; k < 2 && out.length; k++) {
    const s = oneLine(lineText(out[0]));
    if (!heads.has(shape(s)) && !PAGE_NUMBER.test(s)) break;
    if (!PAGE_NUMBER.test(s)) dropped.push(s);
    out.shift();
  }
  for (let k = 0; k < 2 && out.length; k++) {
    const s = oneLine(lineText(out[out.length - 1]));
    if (!feet.has(shape(s)) && !PAGE_NUMBER.test(s)) break;
    if (!PAGE_NUMBER.test(s)) dropped.push(s);
    out.pop();
  }
  return out;
}

/** Lifts footnote markers (a number item glued to the word before it) out of a line. */
function liftMarkers(items: string[], page: number, known: Set<number>): Line {
  let text = '';
  const markers: Line['markers'] = [];
  items.forEach((item, i) => {
    const prev = items[i - 1];
    if (/^\d{1,3}$/.test(item) && known.has(Number(item)) && prev && /[\p{L})”"]$/u.test(prev)) {
      markers.push({ n: Number(item), pos: text.length });
    } else text += item;
  });
  return { page, text: oneLine(text), markers };
}

/** Splits a page's lines into body and footnote area: footnotes open with the number of a marker used above. */
function splitFootnotes(lines: string[][]): { body: string[][]; notes: Map<number, string> } {
  const used = new Set<number>();
  const notes = new Map<number, string>();
  let area = -1;
  lines.forEach((items, i) => {
    if (area >= 0) return;
    const n = /^\d{1,3}$/.test(items[0] ?? '') ? Number(items[0]) : NaN;
    if (used.has(n) && items.length > 1) area = i;
    items.forEach((item, k) => {
      if (k > 0 && /^\d{1,3}$/.test(item) && /[\p{L})”"]$/u.test(items[k - 1])) used.add(Number(item));
    });
  });
  if (area < 0) return { body: lines, notes };
  let current = -1;
  for (const items of lines.slice(area)) {
    const n = /^\d{1,3}$/.test(items[0] ?? '') ? Number(items[0]) : NaN;
    if (used.has(n) && !notes.has(n)) {
      current = n;
      notes.set(n, lineText(items.slice(1)));
    } else if (current >= 0) notes.set(current, `${notes.get(current)} ${lineText(items)}`);
  }
  return { body: lines.slice(0, area), notes };
}

/** The run of lines that renders `table`: starts at its first word and consumes only its words. */
function tableSpan(lines: Line[], from: number, table: string[][]): [number, number] | null {
  const words = table.flat().join(' ').split(/\s+/).filter(Boolean);
  for (let i = from; i < lines.length; i++) {
    if (lines[i].text.split(' ')[0] !== words[0]) continue;
    const left = new Map<string, number>();
    for (const w of words) left.set(w, (left.get(w) ?? 0) + 1);
    let j = i;
    for (; j < lines.length; j++) {
      const ws = lines[j].text.split(' ');
      if (!ws.every((w) => (left.get(w) ?? 0) > 0)) break;
      for (const w of ws) left.set(w, left.get(w)! - 1);
    }
    if (j > i && [...left.values()].every((c) => c === 0)) return [i, j];
  }
  return null;
}

/** How two lines of one paragraph join: mended hyphenation and numbers, else a space. */
export function joinLines(a: string, b: string): { text: string; cut: number } {
  if (/\p{L}-$/u.test(a) && /^\p{Ll}/u.test(b)) return { text: a.slice(0, -1) + b, cut: a.length - 1 };
  if (/(?<![\d.,])\d{1,3}(?:\.\d{3})*\.$/.test(a) && /^\d{3}(?!\d)/.test(b)) return { text: a + b, cut: a.length };
  if (/(?<![\d.,])\d+,$/.test(a) && /^\d{1,3}\s?%/.test(b)) return { text: a + b, cut: a.length };
  return { text: `${a} ${b}`, cut: a.length + 1 };
}

/** Lays the pages out as blocks into `builder`; returns what it dropped, as warnings. */
export function layoutPages(pages: PdfPage[], builder: TextBuilder): string[] {
  const heads = runningLines(pages, 'first');
  const feet = runningLines(pages, 'last');
  const dropped: string[] = [];
  const pieces: Piece[] = [];
  const footnotes: { page: number; n: number; text: string }[] = [];
  for (const page of pages) {
    const { body, notes } = splitFootnotes(bodyLines(page.lines, heads, feet, dropped));
    for (const [n, text] of notes) footnotes.push({ page: page.num, n, text });
    const known = new Set(notes.keys());
    const lines = body.map((items) => liftMarkers(items.filter((s) => s !== ''), page.num, known)).filter((l) => l.text !== '');
    const maxLen = lines.reduce((m, l) => Math.max(m, l.text.length), 1);
    const spans = page.tables
      .map((t) => ({ rows: t, span: tableSpan(lines, 0, t) }))
      .filter((t): t is { rows: string[][]; span: [number, number] } => t.span !== null)
      .sort((a, b) => a.span[0] - b.span[0]);
    let i = 0;
    for (const t of spans) {
      if (t.span[0] < i) continue;
      for (; i < t.span[0]; i++) pieces.push({ kind: 'line', line: lines[i], maxLen, pageStart: i === 0 });
      pieces.push({ kind: 'table', page: page.num, rows: t.rows });
      i = t.span[1];
    }
    for (; i < lines.length; i++) pieces.push({ kind: 'line', line: lines[i], maxLen, pageStart: i === 0 });
  }
  emit(pieces, builder);
  builder.addFootnotes(footnotes.map((f) => ({ number: f.n, text: f.text, locator: { page: f.page } })));
  if (dropped.length === 0) return [];
  const example = dropped[0].length > 60 ? `${dropped[0].slice(0, 60)}…` : dropped[0];
  return [`dropped ${dropped.length} running header/footer line${dropped.length > 1 ? 's' : ''} repeated on most pages (such as "${example}")`];
}

function emit(pieces: Piece[], builder: TextBuilder): void {
  let para: { page: number; text: string; markers: Line['markers']; lastShort: boolean } | null = null;
  let paragraphs = 0;
  let tables = 0;
  const flush = () => {
    if (!para) return;
    paragraphs++;
    const start = builder.offset;
    for (const m of para.markers) builder.refer(m.n, start + m.pos);
    const heading = NUMBERED.test(para.text) && para.text.length <= 120 && !/[.;:,]$/.test(para.text);
    builder.add(heading ? 'heading' : 'paragraph', para.text, { page: para.page, paragraph: paragraphs }, heading ? { level: null } : {});
    para = null;
  };
  for (const piece of pieces) {
    if (piece.kind === 'table') {
      flush();
      tables++;
      addTable(piece.rows, piece.page, tables, builder);
      continue;
    }
    const { line, maxLen } = piece;
    const short = line.text.length < SHORT_LINE * maxLen;
    const opens = NUMBERED.test(line.text) || LIST_START.test(line.text);
    if (para && !para.lastShort && !opens) {
      const { text, cut } = joinLines(para.text, line.text);
      para.markers.push(...line.markers.map((m) => ({ n: m.n, pos: cut + m.pos })));
      para.text = text;
      para.lastShort = short;
      continue;
    }
    flush();
    para = { page: line.page, text: line.text, markers: [...line.markers], lastShort: short };
  }
  flush();
}

function addTable(rows: string[][], page: number, table: number, builder: TextBuilder): void {
  const cells = rows.map((r) => r.map((c) => oneLine(c)));
  const header = cells[0] ?? [];
  cells.forEach((r, i) =>
    r.forEach((cell, c) => {
      const body = i > 0;
      builder.add('table-cell', cell, { page, table, row: i + 1, col: c + 1 }, {
        rowLabel: body && c > 0 ? r[0] || null : null,
        colHeader: body ? header[c] || null : null,
      });
    }),
  );
}
