// `npm run build` (and `prepare`, so `npm ci` builds): src/ compiled to dist/ by tsc, then every
// file tsc does not emit (the web page's css and scripts) copied beside it; dist/.built last, so a
// half build is never taken for a whole one (bin/solieu.js checks it).
import { rmSync, cpSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
rmSync(join(root, 'dist'), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
const walk = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
for (const file of walk(join(root, 'src'))) {
  if (file.endsWith('.ts')) continue;
  cpSync(file, join(root, 'dist', relative(join(root, 'src'), file)));
}
writeFileSync(join(root, 'dist/.built'), '');
