// `npm run build` (and `prepare`, so `npm ci` builds): src/ compiled to dist/ by tsc, then every
// file tsc does not emit (the web page's css and scripts) copied beside it, then the sandbox
// worker's code bundled; dist/.built last, so a half build is never taken for a whole one
// (bin/solieu.js checks it).
import { rmSync, cpSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname, join, relative } from 'node:path';
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
// The CLI and the sandbox worker's job code each as one bundle, with zod inside: loading their ~60
// modules each and zod's ~95 one by one took half of a process's or a worker's start
// (dist/sandbox/job.js 155 ms -> 77 ms). Packages other than zod stay where they are. The CLI's
// replaces its entry, an ES module, with a chunk beside it for each part loaded later (a command);
// the job code is one CommonJS script, dist/sandbox/job-script.js, which the worker runs from V8's
// code cache (src/sandbox/script.ts; its import.meta.url is the script's address). Both sit one
// folder below dist/, as every module did, so the paths they take from their own address
// (../../patterns, ../sandbox/worker.js, ../web/assets) point where they did.
const { build } = await import('esbuild');
const packagesButZodExternal = {
  name: 'packages-but-zod-external',
  setup: (b) => {
    b.onResolve({ filter: /^[^./]/ }, (a) => (/^zod(\/|$)/.test(a.path) ? undefined : { path: a.path, external: true }));
    // zod's messages in 49 other languages, half of its code, are left out: only `z.locales` and
    // `z.core.locales` name them, and solieu calls none (English, the default, zod imports itself).
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (a) => (/zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.js$/.test(a.importer) ? { path: 'zod-locales', namespace: 'none' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'none' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};
const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', plugins: [packagesButZodExternal] };
await build({
  ...common,
  entryPoints: [join(root, 'dist/cli/main.js')],
  outdir: join(root, 'dist/cli'),
  allowOverwrite: true,
  splitting: true,
  format: 'esm',
});
await build({
  ...common,
  entryPoints: [join(root, 'dist/sandbox/job.js')],
  outfile: join(root, 'dist/sandbox/job-script.js'),
  format: 'cjs',
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: 'var __import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
});
// Its id keys the compiled patterns this build keeps (src/patterns/snapshot.ts), made now so that
// the first command after a build starts as fast as the next.
writeFileSync(join(root, 'dist/.built'), randomUUID());
// A sandbox worker's warm-up makes and keeps them, and the job script's code cache, as the first
// one after the build would.
execFileSync(process.execPath, ['-e', "import('./dist/sandbox/index.js').then((s) => s.parseInSandbox(new TextEncoder().encode('build'), 'build.txt'))"], { cwd: root, stdio: 'inherit' });
