// The extraction passes, in the order they run. Each declares what it reads and writes (see
// ../pass.ts); a later pass that replaces a value records the one it replaced.
import type { Pass } from '../pass.ts';
import { slips } from './slips.ts';
import { pairs } from './pairs.ts';
import { cues } from './cues.ts';
import { parts } from './parts.ts';
import { amounts } from './amounts.ts';
import { rates } from './rates.ts';
import { context } from './context.ts';
import { footnotes } from './footnotes.ts';
import { components } from './components.ts';
import { subProjects } from './sub-projects.ts';
import { rateKinds } from './rate-kinds.ts';
import { tables } from './tables.ts';

export const PASSES: readonly Pass[] = [slips, pairs, cues, parts, amounts, rates, context, footnotes, components, subProjects, rateKinds, tables];
