// Rule 4: across documents, one place + programme + project + fund + capital + metric + date
// should have one value. A document stating two values for the same key is ambiguous (different
// items the extractor could not tell apart) and is left out of that key.
import type { Figure } from '../contract/schema.ts';
import type { AuditFinding } from './finding.ts';
import { formatValue, halfStep, isExact } from './precision.ts';
import { fold } from '../store/fold.ts';

export interface DocFigure {
  doc: number;
  /** How the document is named in messages (its source path or title). */
  docName: string;
  figure: Figure;
}

/** Metrics whose scope writers define differently from report to report: "vốn kéo dài" may or
 *  may not include money carried from earlier years, "other" is anything. Not compared. */
const UNCOMPARABLE = new Set<Figure['metric']>([null, 'carried_over', 'other']);

export function crossKey(f: Figure): string | null {
  if (!f.location || f.program === null || UNCOMPARABLE.has(f.metric) || (f.asOf === null && f.year === null) || !isExact(f)) return null;
  const place = [fold(f.location.current ?? f.location.province), f.location.district ? fold(f.location.district) : ''];
  return [...place, f.program, f.project, f.fund, f.capital, f.metric, f.kind, f.unit, f.per, f.rateKind, f.asOf, f.year].join('|');
}

/** A figure of one cross-document key as its check reads it: the value as written and whose it is.
 *  The whole figure is asked for (`figure`) only for the key's first document, whose words the
 *  message uses: a stored key of 700 figures is read as these few columns, not 36 each. */
export interface KeyMember {
  doc: number;
  docName: string;
  /** Contract id within its document. */
  id: string;
  value: number;
  text: string;
  of: number | null;
}

export function checkAcrossDocuments(items: DocFigure[]): AuditFinding[] {
  const groups = new Map<string, (KeyMember & { figure: Figure })[]>();
  for (const it of items) {
    const k = crossKey(it.figure);
    if (k === null) continue;
    const f = it.figure;
    const group = groups.get(k) ?? [];
    group.push({ doc: it.doc, docName: it.docName, id: f.id, value: f.value, text: f.text, of: f.of, figure: f });
    groups.set(k, group);
  }
  return [...groups.values()].flatMap((group) => checkKey(group, (m) => m.figure) ?? []);
}

/** The finding of one key's figures (all with the same cross key), if their documents disagree;
 *  `figure` gives a member's whole figure. */
export function checkKey<M extends KeyMember>(members: readonly M[], figure: (m: M) => Figure): AuditFinding | null {
  const perDoc = new Map<number, M[]>();
  for (const m of members) {
    const list = perDoc.get(m.doc);
    if (list) list.push(m);
    else perDoc.set(m.doc, [m]);
  }
  // One representative per document, and only documents that state a single value.
  const reps = [...perDoc.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, list]) => list)
    .filter((list) => list.every((x) => x.value === list[0].value))
    .map((list) => list[0]);
  if (reps.length < 2) return null;
  const first = reps[0];
  const differing = reps.filter((r) => Math.abs(r.value - first.value) > halfStep(r) + halfStep(first));
  if (differing.length === 0) return null;
  const f = figure(first);
  const fmt = (x: M) => `${formatValue(x.value, f.kind, f.unit)} in ${x.docName}`;
  const place = [f.location!.district, f.location!.province].filter(Boolean).join(', ');
  const when = f.asOf ? `as of ${f.asOf}` : `in ${f.year}`;
  const what = [f.program, f.project, f.fund, f.capital, f.metric].filter(Boolean).join(' ');
  return {
    rule: 'cross_document',
    message: `${place}, ${what} ${when}: ${fmt(first)}, but ${differing.map(fmt).join('; ')}`,
    expected: first.value,
    found: differing[0].value,
    figures: [first, ...differing].map((x) => ({ id: x.id, doc: x.doc, role: 'value' as const })),
  };
}
