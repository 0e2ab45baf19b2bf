// One cited figure in its document: the text around its sentence, the passages before and after,
// the figures it is linked to (partOf, rateOf, both ways) and the audit findings on it.
import type { Db } from '../store/db.ts';
import { FIGURE_ROW_FROM, FIGURE_ROW_SQL, type FigureRowOut } from '../store/figure-row.ts';

export type PassageFigure = FigureRowOut & { id: number; documentId: number };

export interface PassageFinding {
  id: number;
  rule: string;
  message: string;
  figures: { role: string; source: string; version: number; figure: string; text: string }[];
}

export interface Passage {
  figure: PassageFigure;
  document: { id: number; format: string; ingestedAt: string; latest: boolean; length: number };
  /** The text shown: [start, end) of the document, at line or sentence edges. */
  window: { start: number; end: number; text: string };
  /** The passages (cited sentences) just before and after, as links. */
  previous: PassageFigure | null;
  next: PassageFigure | null;
  /** Other figures of the same sentence. */
  sameSentence: PassageFigure[];
  linked: { relation: string; figure: PassageFigure }[];
  findings: PassageFinding[];
}

/** Characters of context either side of the cited sentence. */
const CONTEXT = 600;

const SELECT = `SELECT ${FIGURE_ROW_SQL}, f.id, f.document_id AS documentId FROM ${FIGURE_ROW_FROM}`;

export function loadPassage(db: Db, source: string, version: number, fid: string): Passage | null {
  const figure = db.prepare(`${SELECT} WHERE s.uri = ? AND d.version = ? AND f.fid = ?`).get(source, version, fid) as PassageFigure | undefined;
  if (!figure) return null;
  const doc = db
    .prepare('SELECT id, format, ingested_at AS ingestedAt, latest, length(text) AS length FROM documents WHERE id = ?')
    .get(figure.documentId) as { id: number; format: string; ingestedAt: string; latest: number; length: number };
  const from = Math.max(0, figure.quoteStart - CONTEXT);
  const to = Math.min(doc.length, figure.quoteEnd + CONTEXT);
  const raw = db.prepare('SELECT substr(text, ?, ?) AS t FROM documents WHERE id = ?').get(from + 1, to - from, doc.id) as { t: string };
  // Start and end the window at line breaks where there are some (paragraphs stay whole).
  const head = from === 0 ? 0 : cutAfter(raw.t, 0, figure.quoteStart - from);
  const tail = to === doc.length ? raw.t.length : cutBefore(raw.t, figure.quoteEnd - from, raw.t.length);
  const window = { start: from + head, end: from + tail, text: raw.t.slice(head, tail) };
  const inDoc = (where: string, ...params: unknown[]) =>
    db.prepare(`${SELECT} WHERE f.document_id = ? AND ${where}`).all(figure.documentId, ...params) as PassageFigure[];
  const previous = inDoc('c.span_start < ? ORDER BY c.span_start DESC, f.id LIMIT 1', figure.quoteStart)[0] ?? null;
  const next = inDoc('c.span_start > ? ORDER BY c.span_start, f.id LIMIT 1', figure.quoteStart)[0] ?? null;
  const sameSentence = inDoc('f.citation_id = (SELECT citation_id FROM figures WHERE id = ?) AND f.id != ? ORDER BY f.span_start', figure.id, figure.id);
  const linked: Passage['linked'] = [
    ...(figure.partOf ? inDoc('f.fid = ?', figure.partOf).map((x) => ({ relation: 'part of', figure: x })) : []),
    ...(figure.rateOf ? inDoc('f.fid = ?', figure.rateOf).map((x) => ({ relation: 'rate of', figure: x })) : []),
    ...inDoc('f.part_of = ? ORDER BY f.span_start', figure.figure).map((x) => ({ relation: 'has part', figure: x })),
    ...inDoc('f.rate_of = ? ORDER BY f.span_start', figure.figure).map((x) => ({ relation: 'has rate', figure: x })),
  ];
  return {
    figure,
    document: { id: doc.id, format: doc.format, ingestedAt: doc.ingestedAt, latest: doc.latest === 1, length: doc.length },
    window,
    previous,
    next,
    sameSentence,
    linked,
    findings: findingsOn(db, figure.id),
  };
}

function findingsOn(db: Db, figureId: number): PassageFinding[] {
  const findings = db
    .prepare(
      `SELECT n.id, n.rule, n.message FROM finding_figures ff JOIN findings n ON n.id = ff.finding_id
       WHERE ff.figure_id = ? ORDER BY n.id`,
    )
    .all(figureId) as Omit<PassageFinding, 'figures'>[];
  const figs = db.prepare(
    `SELECT ff.role, s.uri AS source, d.version, f.fid AS figure, f.text FROM finding_figures ff
     JOIN figures f ON f.id = ff.figure_id JOIN documents d ON d.id = f.document_id JOIN sources s ON s.id = d.source_id
     WHERE ff.finding_id = ? ORDER BY f.document_id, f.span_start`,
  );
  return findings.map((n) => ({ ...n, figures: figs.all(n.id) as PassageFinding['figures'] }));
}

/** Just after the first line break in text[from, to), or `from` if none. */
function cutAfter(text: string, from: number, to: number): number {
  const i = text.indexOf('\n', from);
  return i >= 0 && i < to ? i + 1 : from;
}

/** At the last line break in text[from, to), or `to` if none. */
function cutBefore(text: string, from: number, to: number): number {
  const i = text.lastIndexOf('\n', to - 1);
  return i >= from ? i : to;
}
