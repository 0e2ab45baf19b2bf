// Which extractor and which patterns produced a figure: stored with every figure so that a
// re-extraction after a patterns change can be told apart from the original run.
import { PATTERNS_DIR } from '../patterns/dir.ts';
import { patternsDigest } from '../patterns/snapshot.ts';

export const EXTRACTOR_VERSION = '0.1.0';

let cached: string | null = null;

/** Short hash of every file in patterns/, so a changed phrase changes the version. */
export function patternsVersion(): string {
  return (cached ??= patternsDigest(PATTERNS_DIR).slice(0, 12));
}
