// What a store holds, in a few lines: figures by programme and place, document counts.
import type { Db } from './db.ts';
import { LATEST_ONLY } from './figure-row.ts';

export interface ProgramPlaceCount {
  program: string;
  place: string;
  figures: number;
  money: number;
}

/** Over the latest documents, or over the given document versions only. */
export function figuresByProgramAndPlace(db: Db, documentIds?: number[]): ProgramPlaceCount[] {
  const scope = documentIds ? 'f.document_id IN (SELECT value FROM json_each(?))' : LATEST_ONLY;
  return db
    .prepare(
      `SELECT coalesce(f.program, '-') AS program, coalesce(f.current_province, f.province, '-') AS place,
              count(*) AS figures, sum(f.kind = 'money') AS money
       FROM figures f JOIN documents d ON d.id = f.document_id
       WHERE ${scope}
       GROUP BY 1, 2 ORDER BY figures DESC, program, place`,
    )
    .all(...(documentIds ? [JSON.stringify(documentIds)] : [])) as ProgramPlaceCount[];
}

export function storeCounts(db: Db): Record<string, number> {
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    sources: n('SELECT count(*) AS n FROM sources'),
    documents: n('SELECT count(*) AS n FROM documents'),
    citations: n('SELECT count(*) AS n FROM citations'),
    figures: n('SELECT count(*) AS n FROM figures'),
    findings: n('SELECT count(*) AS n FROM findings'),
  };
}
