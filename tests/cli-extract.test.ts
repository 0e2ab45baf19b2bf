// `solieu extract` as a user runs it: the contract JSON, the readable table, one-line errors.
import { describe, it, expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExtractOutputSchema } from '../src/contract/schema.ts';
import { REPO_ROOT, SHARED_DIR } from '../src/eval/gold-load.ts';

const solieu = (...args: string[]) => spawnSync(process.execPath, [join(REPO_ROOT, 'bin/solieu.js'), ...args], { encoding: 'utf8', cwd: REPO_ROOT });
const seed = join(SHARED_DIR, 'seeds/000_6c8865fda63468d7.txt');

describe('solieu extract', () => {
  it('prints exactly the contract with --json', () => {
    const r = solieu('extract', seed, '--json');
    expect(r.status).toBe(0);
    const out = ExtractOutputSchema.parse(JSON.parse(r.stdout));
    expect(out.document.format).toBe('txt');
    for (const f of out.figures) expect(out.document.text.slice(f.start, f.end)).toBe(f.text);
    const disbursed = out.figures.find((f) => f.text === '275.332 triệu đồng')!;
    expect(disbursed).toMatchObject({ value: 275332000000, metric: 'disbursed', asOf: '2024-05-31', program: 'dtts' });
    const rate = out.figures.find((f) => f.text === '16,61%')!;
    expect(rate.rateOf).toBe(disbursed.id);
  });

  it('prints a readable table without --json', () => {
    const r = solieu('extract', seed);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/15 figures/);
    expect(r.stdout).toMatch(/275\.332\.000\.000\s+VND\s+disbursed/);
  });

  it('fails with one line naming the file for missing, empty and binary input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'solieu-'));
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    for (const path of [join(dir, 'missing.txt'), empty]) {
      const r = solieu('extract', path, '--json');
      expect(r.status).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(path);
    }
  });
});

describe('solieu extract <url>', () => {
  it('reads a page from a real HTTP server on 127.0.0.1, and fails in one line on a 404', async () => {
    const page = readFileSync(join(REPO_ROOT, 'corpus/fixtures/f01_bao_cao_gnbv_lai_chau.html'));
    const server = createServer((req, res) => {
      if (req.url === '/bai-viet.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      else res.writeHead(404).end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as { port: number }).port;
    try {
      const run = (url: string) =>
        new Promise<{ status: number | null; stdout: string; stderr: string }>((ok) => {
          const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/solieu.js'), 'extract', url, '--json', '--allow-private'], { cwd: REPO_ROOT });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d: Buffer) => (stdout += d));
          child.stderr.on('data', (d: Buffer) => (stderr += d));
          child.on('close', (status: number | null) => ok({ status, stdout, stderr }));
        });
      const good = await run(`http://127.0.0.1:${port}/bai-viet.html`);
      expect(good.status).toBe(0);
      const out = ExtractOutputSchema.parse(JSON.parse(good.stdout));
      expect(out.document.format).toBe('html');
      expect(out.figures.some((f) => f.text === '412.650 triệu đồng')).toBe(true);
      const missing = await run(`http://127.0.0.1:${port}/khong-co.html`);
      expect(missing.status).not.toBe(0);
      expect(missing.stderr.trim().split('\n')).toHaveLength(1);
      expect(missing.stderr).toContain('HTTP 404');
    } finally {
      server.close();
    }
  });
});
