// The names a document's bytes were seen under: the first is its source, the rest are kept here
// too, so a report copied under two names (or a file and its URL) is found under either.
import type { Db } from './db.ts';

export function recordName(db: Db, documentId: number, uri: string, at: string): void {
  db.prepare('INSERT INTO document_names (document_id, uri, first_seen) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(documentId, uri, at);
}

/** Every name of a document version, first seen first. */
export function namesOf(db: Db, documentId: number): string[] {
  return db.prepare('SELECT uri FROM document_names WHERE document_id = ? ORDER BY first_seen, uri').pluck().all(documentId) as string[];
}
