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

export function checkAcrossDocuments(items: DocFigure[]): AuditFinding[] {
  const groups = new Map<string, Map<number, DocFigure[]>>();
  for (const it of items) {
    const k = crossKey(it.figure);
    if (k === null) continue;
    const perDoc = groups.get(k) ?? new Map<number, DocFigure[]>();
    perDoc.set(it.doc, [...(perDoc.get(it.doc) ?? []), it]);
    groups.set(k, perDoc);
  }
  const out: AuditFinding[] = [];
  for (const perDoc of groups.values()) {
    // One representative per document, and only documents that state a single value.
    const reps = [...perDoc.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, list]) => list)
      .filter((list) => list.every((x) => x.figure.value === list[0].figure.value))
      .map((list) => list[0]);
    if (reps.length < 2) continue;
    const first = reps[0];
    const differing = reps.filter((r) => Math.abs(r.figure.value - first.figure.value) > halfStep(r.figure) + halfStep(first.figure));
    if (differing.length === 0) continue;
    const f = first.figure;
    const fmt = (x: DocFigure) => `${formatValue(x.figure.value, f.kind, f.unit)} in ${x.docName}`;
    const place = [f.location!.district, f.location!.province].filter(Boolean).join(', ');
    const when = f.asOf ? `as of ${f.asOf}` : `in ${f.year}`;
    const what = [f.program, f.project, f.fund, f.capital, f.metric].filter(Boolean).join(' ');
    out.push({
      rule: 'cross_document',
      message: `${place}, ${what} ${when}: ${fmt(first)}, but ${differing.map(fmt).join('; ')}`,
      expected: f.value,
      found: differing[0].figure.value,
      figures: [first, ...differing].map((x) => ({ id: x.figure.id, doc: x.doc, role: 'value' as const })),
    });
  }
  return out;
}
