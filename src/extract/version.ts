// Which extractor and which patterns produced a figure: stored with every figure so that a
// re-extraction after a patterns change can be told apart from the original run.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PATTERNS_DIR } from '../patterns/dir.ts';

export const EXTRACTOR_VERSION = '0.1.0';

let cached: string | null = null;

/** Short hash of every file in patterns/, so a changed phrase changes the version. */
export function patternsVersion(): string {
  if (cached) return cached;
  const h = createHash('sha256');
  for (const name of readdirSync(PATTERNS_DIR).sort()) {
    if (!name.endsWith('.json')) continue;
    h.update(name).update('\0').update(readFileSync(join(PATTERNS_DIR, name)));
  }
  cached = h.digest('hex').slice(0, 12);
  return cached;
}
