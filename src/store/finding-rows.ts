// Stored findings with both (all) citations, for `solieu audit` and anyone querying them.
import { basename, resolve } from 'node:path';
import type { Db } from './db.ts';
import type { Locator } from '../contract/schema.ts';
import { RULES, type Rule } from '../audit/finding.ts';

export interface FindingOut {
  id: number;
  rule: Rule;
  message: string;
  expected: number | null;
  found: number | null;
  /** The audited document; null for a finding across documents. */
  source: string | null;
  figures: {
    role: string;
    source: string;
    figure: string;
    text: string;
    value: number;
    quote: string;
    quoteStart: number;
    quoteEnd: number;
    locator: Locator | null;
  }[];
}

export interface FindingFilter {
  rule?: Rule;
  /** Only findings involving a figure from this source: its path or URL as stored, a path
   *  relative to here, or its name as the output shows it (the file name). */
  source?: string;
  text?: string;
  /** Only findings involving a figure of these document versions. */
  documents?: number[];
}

export function listFindings(db: Db, filter: FindingFilter = {}): FindingOut[] {
  if (filter.rule && !RULES.includes(filter.rule)) throw new Error(`unknown rule ${filter.rule}`);
  // Only the clauses a filter sets, so the documents' figures (an index) can drive the query.
  const where: string[] = [
    `NOT EXISTS (SELECT 1 FROM finding_figures ff JOIN figures f ON f.id = ff.figure_id
                 JOIN documents x ON x.id = f.document_id
                 WHERE ff.finding_id = n.id AND x.latest = 0)`,
  ];
  const params: unknown[] = [];
  if (filter.rule) where.push('n.rule = ?'), params.push(filter.rule);
  if (filter.text !== undefined) where.push(`n.message LIKE '%' || ? || '%'`), params.push(filter.text);
  if (filter.documents)
    where.push(`n.id IN (SELECT ff.finding_id FROM figures f JOIN finding_figures ff ON ff.figure_id = f.id
                         WHERE f.document_id IN (SELECT value FROM json_each(?)))`),
      params.push(JSON.stringify(filter.documents));
  const findings = db
    .prepare(
      `SELECT n.id, n.rule, n.message, n.expected, n.found, s.uri AS source
       FROM findings n LEFT JOIN documents d ON d.id = n.document_id LEFT JOIN sources s ON s.id = d.source_id
       WHERE ${where.join(' AND ')}
       ORDER BY n.document_id IS NULL, n.document_id, n.id`,
    )
    .all(...params) as Omit<FindingOut, 'figures'>[];
  const figs = db.prepare(
    `SELECT ff.role, s.uri AS source, f.fid AS figure, f.text, f.value, c.quote, c.span_start AS quoteStart,
            c.span_end AS quoteEnd, f.locator
     FROM finding_figures ff JOIN figures f ON f.id = ff.figure_id JOIN citations c ON c.id = f.citation_id
     JOIN documents d ON d.id = f.document_id JOIN sources s ON s.id = d.source_id
     WHERE ff.finding_id = ? ORDER BY f.document_id, f.span_start`,
  );
  return findings
    .map((n) => ({
      ...n,
      figures: (figs.all(n.id) as (Omit<FindingOut['figures'][number], 'locator'> & { locator: string | null })[]).map((f) => ({
        ...f,
        locator: f.locator === null ? null : (JSON.parse(f.locator) as Locator),
      })),
    }))
    .filter((n) => filter.source === undefined || n.figures.some((f) => sourceIs(f.source, filter.source!)));
}

export function sourceIs(uri: string, name: string): boolean {
  return uri === name || uri === resolve(name) || basename(uri) === name || uri.endsWith(`/${name}`);
}

/** Stored sources a name given to --source stands for (to say so when it names none). */
export function sourcesNamed(db: Db, name: string): string[] {
  return (db.prepare('SELECT uri FROM sources ORDER BY uri').pluck().all() as string[]).filter((u) => sourceIs(u, name));
}
