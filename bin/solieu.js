#!/usr/bin/env node
// The `solieu` command. Runs the compiled CLI in dist/ (built by `npm run build`, which `npm ci`
// runs as `prepare`) when it is at least as new as every file in src/; otherwise loads the
// TypeScript through tsx, so an edited checkout never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist', '.built');

function distIsCurrent() {
  if (!existsSync(built)) return false;
  const at = statSync(built).mtimeMs;
  // A walk by directory entries, stopping at the first newer file: a third of the start-up cost of
  // readdirSync's recursive listing and a stat of every name.
  const newer = (dir) =>
    readdirSync(dir, { withFileTypes: true }).some((e) => {
      const path = join(dir, e.name);
      return e.isDirectory() ? newer(path) : statSync(path).mtimeMs > at;
    });
  return !newer(join(root, 'src'));
}

if (distIsCurrent()) await import('../dist/cli/main.js');
else {
  (await import('tsx/esm/api')).register();
  await import('../src/cli/main.ts');
}
