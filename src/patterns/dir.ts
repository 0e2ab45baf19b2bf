import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** patterns/ at the repository root: lexicons and rules as data, read by src/patterns/*. */
export const PATTERNS_DIR = process.env.SOLIEU_PATTERNS ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../patterns');
