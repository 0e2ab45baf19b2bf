// HTML DOM -> blocks (paragraphs, headings, table cells, footnotes), shared by the HTML parser and
// the DOCX parser (mammoth renders DOCX as HTML). Every walk is iterative: hostile pages nest
// elements tens of thousands deep, which overflows recursive walkers (cheerio's .text() included).
import type { AnyNode, Element } from 'domhandler';
import type { Locator } from '../contract/schema.ts';
import { TextBuilder, oneLine, type PendingFootnote } from './builder.ts';

/** Never text of the document: code, styles, embedded objects, form controls. */
const NEVER_TEXT = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'head', 'button', 'select', 'input', 'textarea', 'img']);
const BLOCK = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section', 'article',
  'header', 'footer', 'main', 'aside', 'nav', 'figure', 'figcaption', 'caption', 'pre', 'address', 'center', 'form', 'hr', 'br', 'table', 'tr', 'td', 'th', 'body', 'html',
]);
/** A table cell holding this much text is page layout, not data: walk it like any container. */
const LAYOUT_CELL_CHARS = 600;

export type LocatorStyle = 'docx' | 'html';

export interface WalkOptions {
  style: LocatorStyle;
  /** Boilerplate to leave out (the HTML parser's rules); the element and all inside it. */
  skip?: (el: Element) => boolean;
}

const isElement = (n: AnyNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';
const childrenOf = (n: AnyNode): AnyNode[] => ('children' in n ? (n.children as AnyNode[]) : []);

/** Footnote anchors in `root`: an in-page link ("#id") whose target lies in `root` and whose text is a number. */
export function findFootnotes(root: Element): Map<Element, number> {
  const byId = new Map<string, Element>();
  const anchors: Element[] = [];
  forEachElement(root, (el) => {
    if (el.attribs.id) byId.set(el.attribs.id, el);
    if (el.name === 'a' && el.attribs.href?.startsWith('#')) anchors.push(el);
  });
  const targets = new Map<Element, number>();
  for (const a of anchors) {
    const m = /^\[?(\d{1,3})\]?$/.exec(plainText(a));
    const target = byId.get(a.attribs.href.slice(1));
    if (m && target && !isInside(a, target)) targets.set(target, Number(m[1]));
  }
  return targets;
}

function isInside(node: AnyNode, ancestor: Element): boolean {
  for (let p: AnyNode | null = node; p; p = p.parent as AnyNode | null) if (p === ancestor) return true;
  return false;
}

/** Visits every element under `root` (document order), iteratively. */
export function forEachElement(root: AnyNode, visit: (el: Element) => void | 'skip'): void {
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (isElement(n) && n !== root && visit(n) === 'skip') continue;
    const kids = childrenOf(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

/** Text under `root`, whitespace collapsed, blocks separated by spaces, code and `skipped` elements left out. */
export function plainText(root: AnyNode, skipped?: (el: Element) => boolean): string {
  const out: string[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') out.push((n as unknown as { data: string }).data);
    else if (isElement(n)) {
      if (NEVER_TEXT.has(n.name) || (n !== root && skipped?.(n))) continue;
      if (BLOCK.has(n.name)) out.push(' ');
    }
    const kids = childrenOf(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return oneLine(out.join('')).normalize('NFC');
}

/** A CSS path of `el` from `root` ("div.detail-content > p:nth-of-type(3)"), at most `maxDepth` steps. */
export function cssPath(el: Element, root: Element, maxDepth = 12): string {
  const steps: string[] = [];
  for (let e: Element | null = el; e && steps.length < maxDepth; e = e.parent as Element | null) {
    if (e.type !== 'tag') break;
    if (e.attribs.id) {
      steps.unshift(`${e.name}#${e.attribs.id}`);
      break;
    }
    if (e === root) {
      const cls = e.attribs.class?.trim().split(/\s+/)[0];
      steps.unshift(cls ? `${e.name}.${cls}` : e.name);
      break;
    }
    let nth = 1;
    for (let s = e.prev; s; s = s.prev) if (s.type === 'tag' && (s as Element).name === e.name) nth++;
    steps.unshift(`${e.name}:nth-of-type(${nth})`);
  }
  return steps.join(' > ');
}

/** Walks `root` into `builder`: body blocks in order, then footnote bodies. */
export function domToBlocks(root: Element, builder: TextBuilder, opts: WalkOptions): void {
  const footnotes = findFootnotes(root);
  const refNumber = new Map<Element, number>();
  forEachElement(root, (el) => {
    if (el.name !== 'a' || !el.attribs.href?.startsWith('#')) return;
    for (const [target, n] of footnotes) if (target.attribs.id === el.attribs.href.slice(1) && !isInside(el, target)) refNumber.set(el, n);
  });
  const skipped = (el: Element) => NEVER_TEXT.has(el.name) || footnotes.has(el) || refNumber.has(el) || (opts.skip?.(el) ?? false);

  let paragraphs = 0;
  let tables = 0;
  let buf = '';
  let markers: { n: number; pos: number }[] = [];
  const open: Element[] = [root];

  const locate = (el: Element): Locator =>
    opts.style === 'docx' ? { paragraph: paragraphs } : { paragraph: paragraphs, path: cssPath(el, root) };

  const flush = () => {
    const text = buf.trim();
    buf = '';
    if (text === '') {
      markers = [];
      return;
    }
    paragraphs++;
    const owner = open[open.length - 1];
    const start = builder.offset;
    for (const m of markers) builder.refer(m.n, start + Math.min(m.pos, text.length));
    markers = [];
    const heading = /^h([1-6])$/.exec(owner.name);
    if (heading) builder.add('heading', text, locate(owner), { level: Number(heading[1]) });
    else builder.add(owner.name === 'figcaption' || owner.name === 'caption' ? 'caption' : 'paragraph', text, locate(owner));
  };

  const addTable = (table: Element) => {
    tables++;
    const t = tables;
    const grid = tableGrid(table, skipped);
    const header = grid.headerRows.length ? grid.headerRows : grid.rows.slice(0, 1);
    const body = grid.headerRows.length ? grid.rows : grid.rows.slice(1);
    const colHeader = (c: number) => {
      const names = [...new Set(header.map((r) => r[c]?.text ?? '').filter((s) => s !== ''))];
      return names.length ? names.join(' - ') : null;
    };
    const loc = (row: number, col: number): Locator =>
      opts.style === 'docx' ? { table: t, row, col } : { table: t, row, col, path: cssPath(table, root) };
    header.forEach((r, i) =>
      r.forEach((cell, c) => {
        if (cell.origin) builder.add('table-cell', cell.text, loc(i + 1, c + 1), { rowLabel: null, colHeader: null });
      }),
    );
    body.forEach((r, i) =>
      r.forEach((cell, c) => {
        if (!cell.origin) return;
        const rowLabel = c > 0 ? (r[0]?.text || null) : null;
        builder.add('table-cell', cell.text, loc(header.length + i + 1, c + 1), { rowLabel, colHeader: colHeader(c) });
      }),
    );
  };

  type Frame = { node: AnyNode; exit?: boolean };
  const stack: Frame[] = childrenOf(root).map((node) => ({ node })).reverse();
  while (stack.length) {
    const { node, exit } = stack.pop()!;
    if (exit) {
      flush();
      open.pop();
      continue;
    }
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data.normalize('NFC').replace(/\s+/g, ' ');
      buf += buf === '' || buf.endsWith(' ') ? data.replace(/^ /, '') : data;
      continue;
    }
    if (!isElement(node)) continue;
    const n = refNumber.get(node);
    if (n !== undefined) {
      markers.push({ n, pos: buf.replace(/ $/, '').length });
      continue;
    }
    if (skipped(node)) continue;
    if (node.name === 'table' && !isLayoutTable(node, skipped)) {
      flush();
      addTable(node);
      continue;
    }
    if (BLOCK.has(node.name)) {
      flush();
      open.push(node);
      stack.push({ node, exit: true });
    }
    const kids = childrenOf(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i] });
  }
  flush();

  const notes: PendingFootnote[] = [...footnotes]
    .filter(([el]) => isInside(el, root))
    .map(([el, number]) => ({
      number,
      // The back-link ("↑", "↩") inside a footnote body is an in-page anchor: leave it out.
      text: plainText(el, (e) => skipped(e) || (e.name === 'a' && (e.attribs.href ?? '').startsWith('#'))),
      locator: opts.style === 'docx' ? {} : { path: cssPath(el, root) },
    }))
    .sort((a, b) => a.number - b.number);
  builder.addFootnotes(notes);
}

interface GridCell {
  text: string;
  /** False for the positions a colspan/rowspan cell also covers. */
  origin: boolean;
}

interface Grid {
  headerRows: GridCell[][];
  rows: GridCell[][];
}

/** The table's rows laid out on a grid (colspan/rowspan expanded); header rows are <thead> or all-<th> rows leading the table. */
function tableGrid(table: Element, skipped: (el: Element) => boolean): Grid {
  const trs: { tr: Element; inHead: boolean }[] = [];
  for (const child of childrenOf(table)) {
    if (!isElement(child)) continue;
    if (child.name === 'tr') trs.push({ tr: child, inHead: false });
    else if (['thead', 'tbody', 'tfoot'].includes(child.name)) {
      for (const tr of childrenOf(child)) if (isElement(tr) && tr.name === 'tr') trs.push({ tr, inHead: child.name === 'thead' });
    }
  }
  const spans: { text: string; left: number }[] = []; // rowspan carry-over per column
  const out: { cells: GridCell[]; head: boolean }[] = [];
  for (const { tr, inHead } of trs) {
    const cells: GridCell[] = [];
    const tds = childrenOf(tr).filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th'));
    let col = 0;
    const fillSpans = () => {
      while (spans[col]?.left > 0) {
        cells[col] = { text: spans[col].text, origin: false };
        spans[col].left--;
        col++;
      }
    };
    for (const td of tds) {
      fillSpans();
      const text = plainText(td, skipped);
      const colspan = Math.min(Math.max(Number(td.attribs.colspan) || 1, 1), 50);
      const rowspan = Math.min(Math.max(Number(td.attribs.rowspan) || 1, 1), 500);
      for (let k = 0; k < colspan; k++) {
        cells[col] = { text, origin: k === 0 };
        if (rowspan > 1) spans[col] = { text, left: rowspan - 1 };
        col++;
      }
    }
    fillSpans();
    const head = inHead || (tds.length > 0 && tds.every((td) => td.name === 'th'));
    out.push({ cells, head });
  }
  const lead = out.findIndex((r) => !r.head);
  const split = lead === -1 ? out.length : lead;
  return { headerRows: out.slice(0, split).map((r) => r.cells), rows: out.slice(split).map((r) => r.cells) };
}

function isLayoutTable(table: Element, skipped: (el: Element) => boolean): boolean {
  let layout = false;
  forEachElement(table, (el) => {
    if (layout) return 'skip';
    if (el.name === 'table') layout = true;
    else if ((el.name === 'td' || el.name === 'th') && plainText(el, skipped).length > LAYOUT_CELL_CHARS) layout = true;
  });
  return layout;
}
