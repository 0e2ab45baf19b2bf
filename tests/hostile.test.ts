// Hostile input through the real pipeline (sandboxed parse): each ends in a one-line error naming
// the file, within the time and memory caps, reads nothing outside the file, executes nothing,
// and does not stop the other documents of a batch.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFile } from '../src/pipeline.ts';
import { parseDocument } from '../src/parsers/index.ts';
import { InputError } from '../src/contract/errors.ts';
import { extractInSandbox } from '../src/sandbox/index.ts';
import { textTable } from './hostile-cases.ts';

const ROOT = join(import.meta.dirname, '..');
const HOSTILE = join(ROOT, 'corpus/fixtures/hostile');
const GOOD_DOCX = join(ROOT, 'corpus/fixtures/f01_bao_cao_gnbv_lai_chau.docx');
const GOOD_HTML = join(ROOT, 'corpus/fixtures/f01_bao_cao_gnbv_lai_chau.html');
/** The sandbox's 20 s timeout plus worker start-up: nothing may take longer. */
const CAP_MS = 25_000;
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'solieu-hostile-'));
  writeFileSync(join(tmp, 'empty.txt'), '');
  // Deterministic pseudo-random bytes: an executable or image renamed .txt.
  const bin = Buffer.alloc(4096);
  for (let i = 0, x = 7; i < bin.length; i++) bin[i] = x = (x * 1103515245 + 12345) & 0xff;
  writeFileSync(join(tmp, 'binary.txt'), bin);
  const depth = 50_000;
  writeFileSync(join(tmp, 'deep.html'), `<html><body>${'<div>'.repeat(depth)}<p>Huyện đã giải ngân 5 tỷ đồng.</p>${'</div>'.repeat(depth)}</body></html>`);
  writeFileSync(
    join(tmp, 'script.html'),
    '<html><body><script>var tong = "999 tỷ đồng"; for (;;) {}</script><article><p>Xã đã giải ngân 1.250 triệu đồng, đạt 80%.</p></article><noscript>777 tỷ đồng</noscript></body></html>',
  );
});

async function refusal(path: string): Promise<string> {
  const t = Date.now();
  const err = await extractFile(path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(Date.now() - t).toBeLessThan(CAP_MS);
  expect(err).toBeInstanceOf(InputError);
  const message = (err as InputError).message;
  expect(message.startsWith(`${path}: `)).toBe(true);
  expect(message).not.toContain('\n');
  return message.slice(path.length + 2);
}

describe('hostile documents end in a one-line error', () => {
  it.each([
    ['truncated.docx', /^DOCX: corrupt or truncated zip/],
    ['corrupt.docx', /^DOCX: corrupt document/],
    ['zip-bomb.docx', /^DOCX: word\/document\.xml inflates to more than 64 MB \(zip bomb\?\)$/],
    ['truncated.pdf', /^PDF: truncated file/],
    ['corrupt.pdf', /^PDF: corrupt or unreadable/],
    ['encrypted.pdf', /^PDF: encrypted \(password required\)$/],
    ['scanned.pdf', /^PDF: no text layer/],
  ])('%s', async (file, reason) => {
    expect(await refusal(join(HOSTILE, file))).toMatch(reason);
  }, CAP_MS);

  it('a 0-byte file', async () => {
    expect(await refusal(join(tmp, 'empty.txt'))).toBe('file is empty (0 bytes)');
  });

  it('a binary file named .txt', async () => {
    expect(await refusal(join(tmp, 'binary.txt'))).toBe('not a text document (binary data)');
  }, CAP_MS);
});

describe('hostile documents that still hold text are read safely', () => {
  it('a DOCX whose image links to a local file: the text is read, the file is not', async () => {
    const out = await extractFile(join(HOSTILE, 'external-image.docx'));
    expect(out.document.text).toBe('Huyện đã giải ngân 1.250 triệu đồng.');
    if (existsSync('/etc/hostname')) {
      const host = readFileSync('/etc/hostname', 'utf8').trim();
      if (host) expect(out.document.text).not.toContain(host);
    }
  }, CAP_MS);

  it('a PDF with JavaScript: the text is read, the script is neither run nor returned', async () => {
    const out = await extractFile(join(HOSTILE, 'javascript.pdf'));
    expect(out.document.text).toBe('Giai ngan 1.250 trieu dong, dat 80%.');
  }, CAP_MS);

  it('HTML nested 50,000 deep', async () => {
    const t = Date.now();
    const out = await extractFile(join(tmp, 'deep.html'));
    expect(out.document.text).toBe('Huyện đã giải ngân 5 tỷ đồng.');
    expect(Date.now() - t).toBeLessThan(CAP_MS);
  }, CAP_MS);

  it('HTML with numbers inside <script> and <noscript>', async () => {
    const out = await extractFile(join(tmp, 'script.html'));
    expect(out.document.text).toBe('Xã đã giải ngân 1.250 triệu đồng, đạt 80%.');
  }, CAP_MS);
});

describe('the sandbox', () => {
  const pdf = readFileSync(join(ROOT, 'corpus/fixtures/f01_bao_cao_gnbv_lai_chau.pdf'));

  it('stops a parse that runs past its time limit', async () => {
    await expect(parseDocument(pdf, 'slow.pdf', { timeoutMs: 50, heapMb: 512 })).rejects.toThrow(
      new InputError('slow.pdf', 'reading took longer than 0.05 s (the limit per document): the file is too large or malformed'),
    );
  });

  it('stops a parse that runs out of memory', async () => {
    await expect(parseDocument(pdf, 'big.pdf', { timeoutMs: 20_000, heapMb: 4 })).rejects.toThrow(
      new InputError('big.pdf', 'ran out of memory (limit 4 MB): the document is too large or malformed'),
    );
  }, CAP_MS);

  it('fails only the job that overran when the jobs after it were sent along: they run on the next worker', async () => {
    // Jobs queued in one turn reach the worker in one message; its own heap size gives this test
    // a worker of its own, started (and timed) before the jobs under test.
    const limits = (timeoutMs: number) => ({ timeoutMs, heapMb: 384 });
    const SHA = '0'.repeat(64);
    const text = (n: number) => new TextEncoder().encode(`Năm 2024, xã Tà Tổng đã giải ngân ${n}.321 triệu đồng vốn Chương trình MTQG 1719.\n`);
    await extractInSandbox(text(1), 'warm.txt', SHA, limits(CAP_MS));
    const jobs = [
      extractInSandbox(text(2), 'before.txt', SHA, limits(CAP_MS)),
      extractInSandbox(textTable(200_000), 'slow.txt', SHA, limits(200)),
      extractInSandbox(text(3), 'after.txt', SHA, limits(CAP_MS)),
      extractInSandbox(text(4), 'last.txt', SHA, limits(CAP_MS)),
    ];
    const results = await Promise.allSettled(jobs);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(
      new InputError('slow.txt', 'reading took longer than 0.2 s (the limit per document): the file is too large or malformed'),
    );
    const values = results.map((r) => (r.status === 'fulfilled' ? r.value.figures.map((f) => f.value) : null));
    expect(values).toEqual([[2_321_000_000], null, [3_321_000_000], [4_321_000_000]]);
  }, 3 * CAP_MS);

  it('lets the other documents of a batch through', async () => {
    const batch = [GOOD_DOCX, join(HOSTILE, 'zip-bomb.docx'), GOOD_HTML, join(HOSTILE, 'corrupt.pdf'), join(tmp, 'binary.txt')];
    const results = await Promise.allSettled(batch.map((f) => extractFile(f)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'rejected']);
    const [docx, , html] = results as PromiseFulfilledResult<Awaited<ReturnType<typeof extractFile>>>[];
    expect(docx.value.document.format).toBe('docx');
    expect(html.value.document.format).toBe('html');
  }, CAP_MS);
});
