// Running the audit over stored documents and keeping its findings, incrementally: a document is
// audited once (at ingest, in the sandbox as it is read, or later if it was stored unaudited), and
// a cross-document key is re-checked only when its set of latest figures changed (cross_dirty).
// Re-checking replaces that document's or that key's findings, so findings never pile up.
import { auditDocument, checkKey, type AuditFinding } from '../audit/index.ts';
import { crossKey } from '../audit/cross.ts';
import type { Db } from './db.ts';
import { figureIds, loadFigure, loadFigures, loadKeyMembers } from './figures.ts';
import { prepared } from './statements.ts';

export interface AuditSummary {
  /** Documents whose own figures were audited in this run. */
  audited: number[];
  /** Cross-document keys re-checked. */
  keys: number;
  findings: number;
}

/** Documents and keys per transaction: bounded memory, and a killed audit keeps what it did. */
const CHUNK = 200;

/** A document's own findings, replacing earlier ones; marks it audited. */
export function saveDocumentFindings(db: Db, documentId: number, found: AuditFinding[], ids: Map<string, number>, at: string): void {
  prepared(db, 'DELETE FROM findings WHERE document_id = ?').run(documentId);
  for (const f of found) saveFinding(db, f, documentId, at, (ref) => ids.get(ref.id));
  prepared(db, 'UPDATE documents SET audited = 1 WHERE id = ?').run(documentId);
}

/** Audits what was never audited: latest documents stored without an audit (--no-audit, a killed
 *  ingest, a reextract), then every cross-document key whose figures changed. */
export function auditPending(db: Db): AuditSummary {
  const pending = prepared(db, 'SELECT id FROM documents WHERE audited = 0 AND latest = 1 ORDER BY id').pluck().all() as number[];
  const own = auditOwn(db, pending);
  const keys = prepared(db, 'SELECT key FROM cross_dirty').pluck().all() as string[];
  return { audited: pending, keys: keys.length, findings: own + checkKeys(db, keys) };
}

/** Audits every latest document and every cross-document key again (after the rules change). */
export function auditStore(db: Db): AuditSummary {
  db.transaction(() => {
    prepared(db, 'UPDATE documents SET audited = 0 WHERE latest = 1').run();
    // Every key is re-checked below; findings of keys no figure has any more go too.
    prepared(db, 'DELETE FROM findings WHERE document_id IS NULL').run();
  }).immediate();
  const pending = prepared(db, 'SELECT id FROM documents WHERE audited = 0 AND latest = 1 ORDER BY id').pluck().all() as number[];
  const own = auditOwn(db, pending);
  const keys = prepared(db, "SELECT DISTINCT cross_key FROM figures WHERE cross_key <> ''").pluck().all() as string[];
  return { audited: pending, keys: keys.length, findings: own + checkKeys(db, keys) };
}

/** Within-document rules over stored figures. Rows stored before cross keys existed get theirs. */
function auditOwn(db: Db, documentIds: number[]): number {
  const now = new Date().toISOString();
  let findings = 0;
  const textOf = prepared(db, 'SELECT text FROM documents WHERE id = ?').pluck();
  const unkeyed = prepared(db, 'SELECT count(*) FROM figures WHERE document_id = ? AND cross_key IS NULL').pluck();
  const setKey = prepared(db, 'UPDATE figures SET cross_key = ? WHERE id = ?');
  const dirty = prepared(db, 'INSERT INTO cross_dirty (key) VALUES (?) ON CONFLICT DO NOTHING');
  for (let i = 0; i < documentIds.length; i += CHUNK) {
    db.transaction(() => {
      for (const id of documentIds.slice(i, i + CHUNK)) {
        const figures = loadFigures(db, id);
        const ids = figureIds(db, id);
        if ((unkeyed.get(id) as number) > 0)
          for (const f of figures) {
            const key = crossKey(f) ?? '';
            setKey.run(key, ids.get(f.id));
            if (key !== '') dirty.run(key);
          }
        const found = auditDocument(figures, textOf.get(id) as string);
        saveDocumentFindings(db, id, found, ids, now);
        findings += found.length;
      }
    }).immediate();
  }
  return findings;
}

/** Re-checks each key against the latest figures that have it, replacing its findings. */
function checkKeys(db: Db, keys: string[]): number {
  const now = new Date().toISOString();
  let findings = 0;
  const drop = prepared(db, 'DELETE FROM findings WHERE document_id IS NULL AND cross_key = ?');
  const clean = prepared(db, 'DELETE FROM cross_dirty WHERE key = ?');
  // Findings from before cross keys were stored have none; their documents are all unaudited
  // then, so all their keys are re-checked here.
  prepared(db, 'DELETE FROM findings WHERE document_id IS NULL AND cross_key IS NULL').run();
  for (let i = 0; i < keys.length; i += CHUNK) {
    db.transaction(() => {
      for (const key of keys.slice(i, i + CHUNK)) {
        const members = loadKeyMembers(db, key);
        drop.run(key);
        const found = checkKey(members, (m) => loadFigure(db, m.storeId));
        if (found) {
          const storeId = new Map(members.map((m) => [`${m.doc}:${m.id}`, m.storeId]));
          saveFinding(db, found, key, now, (ref) => storeId.get(`${ref.doc}:${ref.id}`));
          findings++;
        }
        clean.run(key);
      }
    }).immediate();
  }
  return findings;
}

function saveFinding(
  db: Db,
  f: AuditFinding,
  owner: number | string,
  at: string,
  figureId: (ref: AuditFinding['figures'][number]) => number | undefined,
): void {
  const documentId = typeof owner === 'number' ? owner : null;
  const key = typeof owner === 'string' ? owner : null;
  const info = prepared(
    db,
    'INSERT INTO findings (rule, document_id, message, expected, found, audited_at, cross_key) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(f.rule, documentId, f.message, f.expected, f.found, at, key);
  const link = prepared(db, 'INSERT INTO finding_figures (finding_id, figure_id, role) VALUES (?, ?, ?)');
  for (const ref of f.figures) {
    const id = figureId(ref);
    if (id !== undefined) link.run(info.lastInsertRowid, id, ref.role);
  }
}
