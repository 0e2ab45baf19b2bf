// Opening the store: where it lives, the pragmas every connection needs, and the migrations.
import Database from 'better-sqlite3';
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../contract/errors.ts';
import { MIGRATIONS } from './migrations.ts';

export type Db = Database.Database;

/** --db beats SOLIEU_DB beats ./solieu.sqlite in the working folder (an empty value is no value). */
export function resolveDbPath(flag?: string): string {
  return resolve(flag || process.env.SOLIEU_DB || 'solieu.sqlite');
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

/** 'read' and 'write' need an existing solieu database (a typo in --db must not make an empty
 *  one that answers "0 figures"); only 'create' (ingest) may make it. */
export type StoreMode = 'read' | 'write' | 'create';

const FIX_PATH = "pass --db PATH or set SOLIEU_DB";
const READ_ONLY = "read-only: this command writes to the store; fix the file's and its folder's permissions, or use a read command (query, export, check, serve)";

/** Opens the store for a command; every problem a user can cause is one InputError line. */
export function openStore(path: string, mode: StoreMode): Db {
  const st = statOrNull(path);
  if (st?.isDirectory()) throw new InputError(path, `is a folder, not a database file; ${FIX_PATH}`);
  if (!st || st.size === 0) {
    if (mode !== 'create') throw new InputError(path, `no solieu database here; run 'solieu ingest FILES' first, or ${FIX_PATH}`);
    const dir = dirname(path);
    if (!statOrNull(dir)?.isDirectory()) throw new InputError(path, `cannot create the database: folder ${dir} does not exist; create it or ${FIX_PATH}`);
  }
  // SQLite opens a file it may not write read-only without a word, and the first write fails.
  if (st && st.size > 0 && mode !== 'read' && !writable(path))
    throw new InputError(path, READ_ONLY);
  let db: Db;
  let version: number;
  try {
    db = new Database(path, { readonly: mode === 'read', fileMustExist: mode !== 'create' });
    version = db.pragma('user_version', { simple: true }) as number;
    if (version === 0 && st && st.size > 0 && db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() !== 0)
      throw new InputError(path, `is an SQLite database but not solieu's; ${FIX_PATH}`);
  } catch (e) {
    throw storeError(path, e);
  }
  if (version > MIGRATIONS.length) {
    db.close();
    throw new InputError(path, `was written by a newer solieu (schema ${version}; this one knows ${MIGRATIONS.length}); upgrade solieu to read it`);
  }
  if (mode === 'read' && version === MIGRATIONS.length) {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return db;
  }
  // A store made by an older solieu is brought up to date once, even by a read command.
  db.close();
  try {
    return openDb(path);
  } catch (e) {
    throw storeError(path, e);
  }
}

/** A store problem the user can fix, as one line with the fix; anything else is left as it is. */
export function storeError(path: string, e: unknown): unknown {
  if (e instanceof InputError) return e;
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB') return new InputError(path, `is not an SQLite database; ${FIX_PATH}`);
  if (code === 'SQLITE_CANTOPEN') return new InputError(path, `cannot open (permissions?); ${FIX_PATH}`);
  // A WAL store is read through its -shm file, which SQLite must be able to create beside it.
  if (code === 'SQLITE_READONLY_DIRECTORY')
    return new InputError(path, `read-only folder: SQLite must create the store's -shm file beside it to read it; make the folder writable or copy the store to a writable folder`);
  if (code.startsWith('SQLITE_READONLY'))
    return new InputError(path, READ_ONLY);
  return e;
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function statOrNull(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
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
