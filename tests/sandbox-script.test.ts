// The build's worker runs its job code as a CommonJS script from V8's code cache
// (src/sandbox/script.ts): the cache is made once, read back by the next run, and never used for
// other bytes of the script.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCachedScript } from '../src/sandbox/script.ts';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'solieu-script-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const source = (n: number) =>
  `const { basename } = require('node:path');\nexports.answer = () => ${n};\nexports.name = basename(__filename);\n` +
  `exports.os = () => globalThis.solieuImport('node:os').then((m) => typeof m.cpus);\n`;

describe('runCachedScript', () => {
  it('runs the script with require and its file name, and keeps its code cache once', async () => {
    const file = join(dir, 'one.js');
    writeFileSync(file, source(1));
    const first = runCachedScript(file);
    expect((first.exports.answer as () => number)()).toBe(1);
    expect(first.exports.name).toBe('one.js');
    expect(existsSync(`${file}.cache`)).toBe(false);
    first.keepCache();
    const kept = readFileSync(`${file}.cache`);
    // Read back from the cache: the same exports, import() through the lent one, nothing rewritten.
    const second = runCachedScript(file);
    expect((second.exports.answer as () => number)()).toBe(1);
    await expect((second.exports.os as () => Promise<string>)()).resolves.toBe('function');
    rmSync(`${file}.cache`);
    second.keepCache();
    expect(existsSync(`${file}.cache`)).toBe(false);
    expect(kept.byteLength).toBeGreaterThan(32);
  });

  it('never runs a cache made for other bytes of the script, and replaces it', () => {
    const file = join(dir, 'two.js');
    writeFileSync(file, source(1));
    runCachedScript(file).keepCache();
    const kept = readFileSync(`${file}.cache`);
    // Same length, other code: V8's own check (the length) would take the old cache.
    writeFileSync(file, source(2));
    const edited = runCachedScript(file);
    expect((edited.exports.answer as () => number)()).toBe(2);
    edited.keepCache();
    expect(readFileSync(`${file}.cache`).equals(kept)).toBe(false);
    expect((runCachedScript(file).exports.answer as () => number)()).toBe(2);
  });
});
