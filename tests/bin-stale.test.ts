// bin/solieu.js runs the compiled dist/ only when it is as new as every file in src/.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

let root: string;
const run = () => execFileSync(process.execPath, [join(root, 'bin/solieu.js')], { encoding: 'utf8' }).trim();
const at = (path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'solieu-bin-'));
  mkdirSync(join(root, 'bin'));
  cpSync(resolve('bin/solieu.js'), join(root, 'bin/solieu.js'));
  writeFileSync(join(root, 'package.json'), '{"type":"module"}');
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
  mkdirSync(join(root, 'dist/cli'), { recursive: true });
  writeFileSync(join(root, 'dist/cli/main.js'), "console.log('dist');");
  mkdirSync(join(root, 'src/cli'), { recursive: true });
  mkdirSync(join(root, 'src/deep/er'), { recursive: true });
  writeFileSync(join(root, 'src/cli/main.ts'), "const from: string = 'src'; console.log(from);");
  writeFileSync(join(root, 'src/deep/er/part.ts'), 'export {};');
  writeFileSync(join(root, 'dist/.built'), '');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('bin/solieu.js', () => {
  it('runs dist/ when no file in src/ is newer than the build', () => {
    for (const f of ['src/cli/main.ts', 'src/deep/er/part.ts']) at(f, 1_000_000);
    at('dist/.built', 2_000_000);
    expect(run()).toBe('dist');
  });

  it('runs src/ through tsx when a file deep in src/ is newer', () => {
    at('src/deep/er/part.ts', 3_000_000);
    expect(run()).toBe('src');
  });

  it('runs src/ when there is no finished build', () => {
    at('src/deep/er/part.ts', 1_000_000);
    rmSync(join(root, 'dist/.built'));
    expect(run()).toBe('src');
  });
});
