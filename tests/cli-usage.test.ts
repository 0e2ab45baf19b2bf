// The `solieu` binary as people use it (issue 9): pipes that close early, help and usage errors,
// databases that are not there, values as people write them, ingest inputs, progress on a
// terminal, one locator shape. Every test runs the real bin/solieu.js.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { REPO_ROOT, SHARED_DIR } from '../src/eval/gold-load.ts';
import { parseExport } from '../src/store/export.ts';
import type { FigureRowOut } from '../src/store/figure-row.ts';
import type { FindingOut } from '../src/store/finding-rows.ts';
import { ExtractOutputSchema } from '../src/contract/schema.ts';

const SOLIEU = join(REPO_ROOT, 'bin/solieu.js');
const SEEDS = join(SHARED_DIR, 'seeds');
const SEED_000 = join(SEEDS, '000_6c8865fda63468d7.txt');
const PASSAGES = join(REPO_ROOT, 'corpus/passages');
const DOCX = join(REPO_ROOT, 'corpus/fixtures/f01_bao_cao_gnbv_lai_chau.docx');

let dir: string;
let db: string;

function run(args: string[], opts: { cwd?: string; input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [SOLIEU, ...args], {
    cwd: opts.cwd ?? dir,
    input: opts.input,
    env: { ...process.env, SOLIEU_DB: '', ...opts.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const q = (...args: string[]) => run(['query', '--db', db, ...args]);
const json = (...args: string[]) => JSON.parse(q(...args, '--format', 'json').stdout) as FigureRowOut[];

/** A one-line error that names `what`, with no stack and no "internal error". */
function expectOneLine(r: { status: number | null; stdout: string; stderr: string }, what: string, status = 1): void {
  expect(r.status, r.stderr).toBe(status);
  expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toContain(what);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'solieu-usage-'));
  db = join(dir, 'store.sqlite');
  writeFileSync(join(dir, 'people.txt'), 'Năm 2024, tỉnh Điện Biên có tổng số 275.332 người được hỗ trợ.\n');
  const r = run(['ingest', SEEDS, PASSAGES, join(dir, 'people.txt'), '--db', db, '--quiet']);
  expect(r.status, r.stderr).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a pipe that closes early', () => {
  // `set -o pipefail` would report solieu's own status; PIPESTATUS[0] is it, whatever head does.
  const piped = (cmd: string, reader: string) =>
    spawnSync('bash', ['-c', `"${process.execPath}" "${SOLIEU}" ${cmd} 2>"${dir}/pipe.err" | ${reader} >/dev/null; echo "\${PIPESTATUS[0]}"`], {
      encoding: 'utf8',
      cwd: dir,
    });
  it.each([
    [`export --db "${'DB'}" --format csv`, 'head -1'],
    [`query --db "${'DB'}" --format json`, 'head -1'],
    [`extract "${SEED_000}" --json`, 'head -1'],
    [`audit --db "${'DB'}" --no-run`, 'true'],
  ])('%s | %s ends quietly with status 0', (cmd, reader) => {
    const r = piped(cmd.replace('DB', db), reader);
    expect(readFileSync(join(dir, 'pipe.err'), 'utf8')).toBe('');
    expect(r.stdout.trim()).toBe('0');
  });
});

describe('help, version and usage errors', () => {
  it('gives per-command help with examples, as --help, -h and `solieu help CMD`', () => {
    for (const cmd of ['extract', 'ingest', 'query', 'audit', 'export', 'reextract']) {
      const long = run([cmd, '--help']);
      expect(long.status).toBe(0);
      expect(long.stdout).toContain(`Usage: solieu ${cmd}`);
      expect(long.stdout).toContain('Examples:');
      expect(run(['help', cmd]).stdout).toBe(long.stdout);
    }
    expect(run(['extract', '-h']).stdout).toContain('--json');
  });

  it('prints the version', () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = run(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${version}\n`);
  });

  it('answers a misspelt flag with one line, a suggestion, the usage, and exit 2', () => {
    const r = run(['extract', SEED_000, '--jsn']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "solieu extract: unknown option '--jsn'\n(Did you mean --json?)\nusage: solieu extract [options] <input>  (more: solieu help extract)\n",
    );
    const bad = q('--metric', 'spent');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^solieu query: --metric must be one of .*\nusage: solieu query /);
    expect(run(['frobnicate']).status).toBe(2);
  });

  it("the README's command table lists the commands `solieu --help` lists", () => {
    const help = run(['--help']).stdout;
    const fromHelp = [...help.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]).filter((c) => c !== 'help');
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const fromReadme = [...readme.matchAll(/^\| `solieu ([a-z]+)/gm)].map((m) => m[1]).filter((c) => c !== 'help');
    expect(fromReadme).toEqual(fromHelp);
  });
});

describe('the database', () => {
  it('is never created by a read command: a missing file is one line saying to ingest first', () => {
    const away = join(dir, 'elsewhere');
    mkdirSync(away, { recursive: true });
    for (const args of [['query', '--db', 'nope.sqlite'], ['export', '--format', 'csv', '--db', 'nope.sqlite'], ['audit', '--db', 'nope.sqlite'], ['reextract', '--db', 'nope.sqlite'], ['query']]) {
      const r = run(args, { cwd: away });
      expectOneLine(r, "run 'solieu ingest");
      expect(r.stdout).toBe('');
    }
    expect(existsSync(join(away, 'nope.sqlite'))).toBe(false);
    expect(existsSync(join(away, 'solieu.sqlite'))).toBe(false);
  });

  it('says in one line what is wrong with a missing folder, a text file, and a newer schema', () => {
    expectOneLine(run(['ingest', SEED_000, '--db', join(dir, 'no/such/folder/x.sqlite')]), 'folder');
    writeFileSync(join(dir, 'notes.txt'), 'not a database, but long enough to be read as one\n'.repeat(40));
    expectOneLine(q('--db', join(dir, 'notes.txt')), 'is not an SQLite database');
    const newer = join(dir, 'newer.sqlite');
    copyFileSync(db, newer);
    const raw = new Database(newer);
    raw.pragma('user_version = 999');
    raw.close();
    expectOneLine(run(['query', '--db', newer]), 'newer solieu');
  });

  it('says in one line that a file damaged past its header is damaged, for reading, writing and checking', () => {
    const damaged = join(dir, 'damaged.sqlite');
    copyFileSync(db, damaged);
    // The header and schema page stay; every page after them is overwritten.
    const bytes = readFileSync(damaged);
    bytes.fill(0x5a, 8192);
    writeFileSync(damaged, bytes);
    for (const args of [['query'], ['audit'], ['ingest', SEED_000], ['check', 'giải ngân 275.332 triệu đồng']]) {
      const r = run([...args, '--db', damaged]);
      expectOneLine(r, `${damaged}: is damaged (SQLite: database disk image is malformed)`, r.status === 3 ? 3 : 1);
    }
  });

  it('refuses a --limit too large to be exact, as a usage error', () => {
    const r = q('--limit', '99999999999999999999');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^solieu query: --limit must be a whole number up to 9007199254740991 \(got '99999999999999999999'\)\nusage: /);
  });
});

describe('values as people write them', () => {
  const disbursed = (rows: FigureRowOut[]) => rows.filter((r) => r.text === '275.332 triệu đồng' && basename(r.source) === basename(SEED_000));

  it('reads --min/--max with dots grouping thousands', () => {
    const rows = json('--min', '275.332', '--max', '275.332');
    expect(rows.map((r) => r.text)).toEqual(['275.332 người']);
  });

  it('matches a figure written another way, with a tolerance from how it was written', () => {
    for (const v of ['275 tỷ', '275,3 tỷ', 'hơn 275 tỷ đồng', '275.332 triệu đồng', '275,332 tỷ đồng']) {
      const rows = json('--value', v);
      expect(disbursed(rows), v).toHaveLength(1);
      expect(rows.every((r) => r.kind === 'money' && r.value >= 274.5e9 && r.value <= 276e9), v).toBe(true);
    }
    // Written to the nearest 0,1 tỷ, 275,4 tỷ is not 275.332 triệu.
    expect(disbursed(json('--value', '275,4 tỷ'))).toHaveLength(0);
    expect(q('--value', 'nhiều').status).toBe(2);
  });

  it('--text finds a figure in another spelling, and numbers whatever their separators', () => {
    expect(disbursed(json('--text', '275,332 tỷ đồng'))).toHaveLength(1);
    expect(disbursed(json('--text', 'giải ngân 275,332 tỷ đồng'))).toHaveLength(1);
    // "275,332" and "275332" as words find the sentence of "275.332".
    expect(disbursed(json('--text', 'Điện Biên 275332'))).toHaveLength(1);
  });
});

describe('project and top-level filters', () => {
  it('folds project labels like places, and a bare number is a project, not a component', () => {
    const written = json('--project', 'Dự án 9');
    expect(written.length).toBeGreaterThan(0);
    expect(json('--project', 'Du an 9')).toEqual(written);
    expect(json('--project', 'dự án 9')).toEqual(written);
    expect(json('--project', '9')).toEqual(written);
    expect(written.every((r) => r.project === 'Dự án 9' || r.project!.endsWith(' Dự án 9'))).toBe(true);
    expect(json('--project', 'Nội dung thành phần số 9').every((r) => r.project === 'Nội dung thành phần số 9')).toBe(true);
    expect(q('--project', 'chương trình').status).toBe(2);
  });

  it('--top-level leaves out the parts of totals', () => {
    const all = json('--kind', 'money');
    const top = json('--kind', 'money', '--top-level');
    expect(all.some((r) => r.partOf !== null)).toBe(true);
    expect(top.length).toBeGreaterThan(0);
    expect(top.every((r) => r.partOf === null)).toBe(true);
    expect(top.length).toBe(all.filter((r) => r.partOf === null).length);
  });
});

describe('the query table', () => {
  it('says when it is cut, is narrower than the old one, and explains its abbreviations', () => {
    const total = json().length;
    expect(total).toBeGreaterThan(50);
    const table = q();
    expect(table.stdout).toContain('showing the first 50 figures; more match');
    expect(table.stdout).toContain('- = not stated');
    expect(table.stdout).toContain('all = them together');
    const widest = Math.max(...table.stdout.split('\n').map((l) => [...l].length));
    expect(widest).toBeLessThan(230);
    expect(q('--limit', String(total)).stdout).toContain(`${total} figures\n`);
  });
});

describe('ingest', () => {
  it('takes URLs and standard input, as extract does', async () => {
    const page = readFileSync(join(REPO_ROOT, 'corpus/fixtures/f01_bao_cao_gnbv_lai_chau.html'));
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/tin.html`;
    const web = join(dir, 'web.sqlite');
    try {
      const r = await new Promise<{ status: number | null; stdout: string }>((ok) => {
        const child = spawn(process.execPath, [SOLIEU, 'ingest', url, '--db', web, '--quiet', '--allow-private'], { cwd: dir });
        let stdout = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d));
        child.on('close', (status) => ok({ status, stdout }));
      });
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/ingested 1 \([1-9]\d* figures\)/);
    } finally {
      server.close();
    }
    expect(json('--db', web).every((f) => f.source === url)).toBe(true);

    const text = readFileSync(SEED_000);
    const piped = run(['ingest', '-', '--db', web, '--quiet'], { input: text });
    expect(piped.status, piped.stderr).toBe(0);
    expect(piped.stdout).toContain('ingested 1 (15 figures)');
    expect(json('--db', web).some((f) => f.source.startsWith('stdin:'))).toBe(true);
    const extracted = run(['extract', '-', '--json'], { input: text });
    expect(extracted.status).toBe(0);
    expect(ExtractOutputSchema.parse(JSON.parse(extracted.stdout)).figures).toHaveLength(15);
  }, 60_000);

  it('says what a folder walk skipped and why, and records every name of the same content', () => {
    const folder = join(dir, 'docs');
    mkdirSync(join(folder, '.drafts'), { recursive: true });
    mkdirSync(join(folder, 'copy'));
    copyFileSync(SEED_000, join(folder, 'a.txt'));
    copyFileSync(SEED_000, join(folder, 'copy/b.txt'));
    copyFileSync(SEED_000, join(folder, '.drafts/c.txt'));
    writeFileSync(join(folder, 'notes.md'), '# notes\n');
    writeFileSync(join(folder, 'old.doc'), 'x');
    symlinkSync(join(PASSAGES, 'p01_bao_cao_gnbv.txt'), join(folder, 'link.txt'));
    const store = join(dir, 'names.sqlite');
    const r = run(['ingest', folder, '--db', store, '--no-audit']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('ingested 1 (15 figures), unchanged 1, failed 0, skipped 4');
    expect(r.stdout).toContain(`${join(folder, 'copy/b.txt')}: same content as ${join(folder, 'a.txt')}; both names recorded`);
    const skipped = r.stderr.trimEnd().split('\n');
    expect(skipped).toEqual([
      `${join(folder, '.drafts')}: skipped: hidden folder; name it on the command line to ingest it`,
      `${join(folder, 'link.txt')}: skipped: symbolic link, not followed; name its target to ingest it`,
      `${join(folder, 'notes.md')}: skipped: Markdown is not picked up from folders; name it on the command line to ingest it as text`,
      `${join(folder, 'old.doc')}: skipped: old Word format (.doc) is not read; save it as .docx`,
    ]);
    const raw = new Database(store, { readonly: true });
    expect(raw.prepare('SELECT uri FROM document_names ORDER BY uri').pluck().all()).toEqual([join(folder, 'a.txt'), join(folder, 'copy/b.txt')]);
    raw.close();
    // --no-audit says the audit did not run instead of "0 findings".
    expect(r.stdout).toContain("Audit: not run (--no-audit); 'solieu audit' checks the stored figures");
    expect(r.stdout).not.toContain('Audit findings: 0');
  });

  it('refuses its own export', () => {
    for (const format of ['csv', 'json', 'jsonl']) {
      const file = join(dir, `export.${format === 'csv' ? 'csv' : 'txt'}`);
      expect(run(['export', '--db', db, '--format', format, '--out', file]).status).toBe(0);
      const r = run(['ingest', file, '--db', db, '--quiet']);
      expect(r.stdout).toContain('ingested 0 (0 figures), unchanged 0, failed 1');
      expectOneLine(r, `${file}: is a solieu export`);
    }
  });
});

describe('audit', () => {
  const findings = (...args: string[]) => JSON.parse(run(['audit', '--db', db, '--no-run', '--json', ...args]).stdout) as FindingOut[];

  it('counts what it lists under --rule and takes --source by the name it shows', () => {
    const all = findings();
    expect(all.length).toBeGreaterThan(0);
    for (const rule of ['rate', 'components', 'subprojects', 'cross_document']) {
      const r = run(['audit', '--db', db, '--no-run', '--rule', rule]);
      const listed = (r.stdout.match(/^#\d+ \[/gm) ?? []).length;
      expect(r.stdout.split('\n')[0]).toBe(`stored findings: ${all.length} in all; ${listed} with rule ${rule}`);
      expect(listed).toBe(all.filter((f) => f.rule === rule).length);
    }
    const shown = basename(all.find((f) => f.source !== null)!.source!);
    const byName = findings('--source', shown);
    expect(byName.length).toBeGreaterThan(0);
    expect(byName).toEqual(findings('--source', join(SEEDS, shown)));
    expectOneLine(run(['audit', '--db', db, '--no-run', '--source', 'khong-co.txt']), 'khong-co.txt');
  });
});

describe('one locator shape', () => {
  it('is the same object in extract --json and export json/jsonl, and JSON text in CSV that reads back', () => {
    const extracted = ExtractOutputSchema.parse(JSON.parse(run(['extract', DOCX, '--json']).stdout));
    const store = join(dir, 'docx.sqlite');
    expect(run(['ingest', DOCX, '--db', store, '--quiet']).status).toBe(0);
    const exported = JSON.parse(run(['export', '--db', store, '--format', 'json']).stdout) as FigureRowOut[];
    const byId = new Map(extracted.figures.map((f) => [f.id, f.locator]));
    expect(exported.length).toBe(extracted.figures.length);
    for (const r of exported) {
      expect(typeof r.locator).toBe('object');
      expect(r.locator).toEqual(byId.get(r.figure));
    }
    expect(parseExport(run(['export', '--db', store, '--format', 'csv']).stdout, 'csv')).toEqual(exported);
    expect(parseExport(run(['export', '--db', store, '--format', 'jsonl']).stdout, 'jsonl')).toEqual(exported);
  });
});

describe('progress', () => {
  const hasScript = spawnSync('script', ['--version']).status === 0;
  // util-linux `script` gives the command a terminal; its output (both streams) is what the terminal showed.
  const onTty = (args: string[]) =>
    spawnSync('script', ['-qec', [process.execPath, SOLIEU, ...args].map((a) => `'${a}'`).join(' '), '/dev/null'], { encoding: 'utf8', cwd: dir });

  it.skipIf(!hasScript)('draws a bar on a terminal, and none with --quiet or in a pipe', () => {
    const tty = onTty(['ingest', PASSAGES, '--db', join(dir, 'tty.sqlite')]);
    expect(tty.status).toBe(0);
    expect(tty.stdout).toMatch(/\d+\/\d+ files/);
    const quiet = onTty(['ingest', PASSAGES, '--db', join(dir, 'tty2.sqlite'), '--quiet']);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).not.toMatch(/\d+\/\d+ files/);
    const piped = run(['ingest', PASSAGES, '--db', join(dir, 'tty3.sqlite')]);
    expect(piped.stderr).not.toMatch(/files/);
  }, 60_000);
});
