// What a build keeps (compiled patterns, the worker's code cache) is written whole, only where it
// can be, and never when its check refuses it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keepFile } from '../src/keep-file.ts';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'solieu-keep-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('keepFile', () => {
  it('writes the file whole in a folder it makes, replacing the old one and leaving no temporary file', () => {
    const file = join(dir, 'kept', 'a.json');
    keepFile(file, () => 'one');
    keepFile(file, () => new TextEncoder().encode('two'));
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(readdirSync(join(dir, 'kept'))).toEqual(['a.json']);
  });

  it('where nothing can be written, makes and checks nothing', () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, '');
    let made = 0;
    keepFile(join(blocker, 'b.json'), () => String(++made), () => { throw new Error('checked'); });
    expect(made).toBe(0);
  });

  it('says when its check refuses what was made, and keeps nothing of it', () => {
    const file = join(dir, 'c.json');
    expect(() => keepFile(file, () => 'bad', (data) => { throw new Error(`refused ${data}`); })).toThrow('refused bad');
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.startsWith('c.json'))).toEqual([]);
  });
});
