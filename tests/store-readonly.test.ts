// A store the user may read but not write: read commands answer, writing ones say so in one line.
// File permissions do not bind root, so as root the CLI runs as the unprivileged uid 65534.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/eval/gold-load.ts';
import { storeError } from '../src/store/db.ts';
import { InputError } from '../src/contract/errors.ts';

const SOLIEU = join(REPO_ROOT, 'bin/solieu.js');
const root = process.getuid?.() === 0;
const asUser = (args: string[]) =>
  root
    ? spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, SOLIEU, ...args], { encoding: 'utf8' })
    : spawnSync(process.execPath, [SOLIEU, ...args], { encoding: 'utf8' });
// uid 65534 must be able to reach the checkout (a checkout under a private home folder is not).
const reachable = !root || spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(SOLIEU)})`]).status === 0;

describe('storeError: SQLite codes a user can fix become one line with the fix', () => {
  it('read-only folder, read-only file, other errors untouched', () => {
    const ro = (code: string) => storeError('/x/s.sqlite', Object.assign(new Error('sqlite'), { code }));
    expect(String((ro('SQLITE_READONLY_DIRECTORY') as InputError).message)).toMatch(/^\/x\/s\.sqlite: read-only folder: .*make the folder writable/);
    expect(String((ro('SQLITE_READONLY') as InputError).message)).toMatch(/^\/x\/s\.sqlite: read-only: this command writes .*permissions/);
    const other = new Error('boom');
    expect(storeError('/x', other)).toBe(other);
  });
});

describe.runIf(reachable)('a read-only store, used by an unprivileged user', () => {
  const dir = mkdtempSync(join(tmpdir(), 'solieu-ro-'));
  const db = join(dir, 's.sqlite');
  const text = join(dir, 'a.txt');
  writeFileSync(text, 'Tỉnh Lai Châu đã giải ngân 275.332 triệu đồng, đạt 16,61% kế hoạch.\n');
  afterAll(() => {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  it('read commands answer; ingest and audit say read-only in one line; a folder SQLite cannot write beside says what to do', () => {
    expect(spawnSync(process.execPath, [SOLIEU, 'ingest', '--db', db, '--quiet', text], { encoding: 'utf8' }).status).toBe(0);
    chmodSync(db, 0o444);
    chmodSync(dir, 0o777); // the folder writable: SQLite makes the -shm file a WAL store is read through
    const q = asUser(['query', '--db', db, '--format', 'json']);
    expect(q.stderr).toBe('');
    expect(q.status).toBe(0);
    expect(q.stdout).toContain('275332000000');
    const c = asUser(['check', '--db', db, 'Lai Châu giải ngân hơn 275 tỷ đồng']);
    expect(c.status).toBe(0);
    for (const args of [['ingest', '--db', db, text], ['audit', '--db', db]]) {
      const w = asUser(args);
      expect(w.status).toBe(1);
      expect(w.stderr.trim().split('\n')).toEqual([`solieu: ${db}: read-only: this command writes to the store; fix the file's and its folder's permissions, or use a read command (query, export, check, serve)`]);
    }
    rmSync(`${db}-shm`, { force: true });
    rmSync(`${db}-wal`, { force: true });
    chmodSync(dir, 0o555);
    const f = asUser(['query', '--db', db]);
    expect(f.status).toBe(1);
    expect(f.stderr.trim().split('\n')).toHaveLength(1);
    expect(f.stderr).toContain('read-only folder: SQLite must create');
    const cf = asUser(['check', '--db', db, 'Lai Châu giải ngân 275 tỷ']);
    expect(cf.status).toBe(3);
    expect(cf.stderr).toContain('read-only folder');
  }, 60_000);
});
