// Running the audit over stored documents and keeping its findings. Re-running replaces a
// document's findings (and all cross-document ones), so findings never pile up.
import { auditDocument, checkAcrossDocuments, type AuditFinding } from '../audit/index.ts';
import type { Db } from './db.ts';
import { figureIds, latestDocumentIds, loadComparableFigures, loadFigures } from './figures.ts';

export interface AuditSummary {
  documents: number;
  findings: number;
}

/** Audits the given document versions (default: every latest version), then across documents. */
export function auditStore(db: Db, documentIds: number[] = latestDocumentIds(db)): AuditSummary {
  const now = new Date().toISOString();
  let findings = 0;
  const textOf = db.prepare('SELECT text FROM documents WHERE id = ?');
  for (const id of documentIds) {
    const { text } = textOf.get(id) as { text: string };
    const found = auditDocument(loadFigures(db, id), text);
    db.transaction(() => {
      db.prepare('DELETE FROM findings WHERE document_id = ?').run(id);
      const ids = figureIds(db, id);
      for (const f of found) saveFinding(db, f, id, now, (ref) => ids.get(ref.id));
    }).immediate();
    findings += found.length;
  }
  const names = new Map(
    (db.prepare('SELECT id, coalesce(title, source) AS name FROM latest_documents').all() as { id: number; name: string }[]).map((r) => [r.id, r.name]),
  );
  const cross = checkAcrossDocuments(loadComparableFigures(db).map((x) => ({ ...x, docName: names.get(x.doc) ?? String(x.doc) })));
  db.transaction(() => {
    db.prepare('DELETE FROM findings WHERE document_id IS NULL').run();
    const lookup = db.prepare('SELECT id FROM figures WHERE document_id = ? AND fid = ?');
    for (const f of cross) saveFinding(db, f, null, now, (ref) => (lookup.get(ref.doc, ref.id) as { id: number } | undefined)?.id);
  }).immediate();
  return { documents: documentIds.length, findings: findings + cross.length };
}

function saveFinding(
  db: Db,
  f: AuditFinding,
  documentId: number | null,
  at: string,
  figureId: (ref: AuditFinding['figures'][number]) => number | undefined,
): void {
  const info = db
    .prepare('INSERT INTO findings (rule, document_id, message, expected, found, audited_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(f.rule, documentId, f.message, f.expected, f.found, at);
  const link = db.prepare('INSERT INTO finding_figures (finding_id, figure_id, role) VALUES (?, ?, ?)');
  for (const ref of f.figures) {
    const id = figureId(ref);
    if (id !== undefined) link.run(info.lastInsertRowid, id, ref.role);
  }
}
