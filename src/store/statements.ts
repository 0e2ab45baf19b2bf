// Prepared statements kept per connection: preparing costs more than running the small inserts
// and look-ups an ingest repeats for every document and figure.
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';

const cache = new WeakMap<Db, Map<string, Statement>>();

export function prepared(db: Db, sql: string): Statement {
  let byDb = cache.get(db);
  if (!byDb) cache.set(db, (byDb = new Map()));
  let s = byDb.get(sql);
  if (!s) byDb.set(sql, (s = db.prepare(sql)));
  return s;
}
