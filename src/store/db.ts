// Opening the store: where it lives, the pragmas every connection needs, and the migrations.
import Database from 'better-sqlite3';
import { resolve } from 'node:path';
import { MIGRATIONS } from './migrations.ts';

export type Db = Database.Database;

/** --db beats SOLIEU_DB beats ./solieu.sqlite in the working folder. */
export function resolveDbPath(flag?: string): string {
  return resolve(flag ?? process.env.SOLIEU_DB ?? 'solieu.sqlite');
}

/** How long a writer or reader waits for another process's lock before giving up. */
export const BUSY_TIMEOUT_MS = 10_000;

export function openDb(path: string, opts: { readonly?: boolean } = {}): Db {
  const db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
  if (!opts.readonly) {
    // WAL: readers never block the writer and see the last committed transaction.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db);
  }
  return db;
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length)
    throw new Error(`database schema version ${current} is newer than this solieu (${MIGRATIONS.length})`);
  for (let v = current; v < MIGRATIONS.length; v++) {
    // BEGIN IMMEDIATE: two processes opening a fresh file must not both migrate it.
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) !== v) return;
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}
