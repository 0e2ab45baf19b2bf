// OCR for scanned PDFs: pages rendered by poppler (pdftoppm) and read by Tesseract with its
// Vietnamese model (Debian: poppler-utils, tesseract-ocr, tesseract-ocr-vie). Each page is its
// own pair of child processes with its own timeout; the caller is told before each page how long
// it may take, so a sandbox can count its time limit per page rather than per document.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Pages read by OCR at most (a scan is ~10 s a page on one core). */
export const MAX_OCR_PAGES = 40;
/** Time for one page to render or be read. */
export const OCR_STEP_MS = 60_000;
const DPI = 300;

let available: Promise<boolean> | null = null;

/** Whether pdftoppm and tesseract with Vietnamese are installed (asked once). */
export function ocrAvailable(): Promise<boolean> {
  available ??= run('tesseract', ['--list-langs'], { timeout: 10_000 }).then(
    ({ stdout }) => stdout.split('\n').includes('vie') && run('pdftoppm', ['-v'], { timeout: 10_000 }).then(() => true, () => false),
    () => false,
  );
  return available;
}

/** Each page's text, in page order, for the first `pages` pages; `onPage(ms)` before each says how long it may take. */
export async function ocrPages(bytes: Uint8Array, pages: number, onPage: (ms: number) => void = () => {}): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'solieu-ocr-'));
  // One thread per tesseract: the machine's cores are the batch's, not one page's.
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  try {
    const pdf = join(dir, 'in.pdf');
    writeFileSync(pdf, bytes);
    const texts: string[] = [];
    for (let page = 1; page <= pages; page++) {
      onPage(2 * OCR_STEP_MS);
      const prefix = join(dir, `p${page}`);
      await run('pdftoppm', ['-r', String(DPI), '-gray', '-png', '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix], { timeout: OCR_STEP_MS });
      const image = readdirSync(dir).find((f) => f.startsWith(`p${page}.`));
      if (!image) throw new Error(`page ${page} did not render`);
      const { stdout } = await run('tesseract', [join(dir, image), 'stdout', '-l', 'vie'], { timeout: OCR_STEP_MS, env, maxBuffer: 16 * 2 ** 20 });
      texts.push(stdout.normalize('NFC'));
      rmSync(join(dir, image));
    }
    return texts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
