// The names a document's bytes were seen under: the first is its source, the rest are kept here
// too, so a report copied under two names (or a file and its URL) is found under either. Each name
// points at the content last seen under it, and a version is current while some name points at it.
import type { Db } from './db.ts';
import { prepared } from './statements.ts';

export function recordName(db: Db, documentId: number, uri: string, at: string): void {
  prepared(db, 'INSERT INTO document_names (document_id, uri, first_seen) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(documentId, uri, at);
}

/** Every name of a document version, first seen first. */
export function namesOf(db: Db, documentId: number): string[] {
  return prepared(db, 'SELECT uri FROM document_names WHERE document_id = ? ORDER BY first_seen, uri').pluck().all(documentId) as string[];
}

/**
 * `uri` now holds document version `documentId` (inside the caller's transaction): the version it
 * held before stays current only if another name still holds it. Returns true when `documentId`
 * was not current and now is (a file restored to an earlier content, a copy of a superseded one).
 */
export function pointName(db: Db, uri: string, documentId: number, at: string): boolean {
  const before = prepared(db, 'SELECT document_id FROM name_current WHERE uri = ?').pluck().get(uri) as number | undefined;
  prepared(
    db,
    'INSERT INTO name_current (uri, document_id, seen_at) VALUES (?, ?, ?) ON CONFLICT (uri) DO UPDATE SET document_id = excluded.document_id, seen_at = excluded.seen_at',
  ).run(uri, documentId, at);
  let became = false;
  for (const id of new Set([before ?? documentId, documentId])) {
    const info = prepared(
      db,
      'UPDATE documents SET latest = EXISTS (SELECT 1 FROM name_current WHERE document_id = @id) WHERE id = @id AND latest <> EXISTS (SELECT 1 FROM name_current WHERE document_id = @id)',
    ).run({ id });
    if (info.changes === 0) continue;
    // The set of current figures changed for these keys: the next audit re-checks them across documents.
    prepared(db, "INSERT INTO cross_dirty (key) SELECT DISTINCT cross_key FROM figures WHERE document_id = ? AND cross_key <> '' ON CONFLICT DO NOTHING").run(id);
    if (id === documentId) became = true;
  }
  return became;
}
