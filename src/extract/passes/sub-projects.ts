// Pass: sub-project amounts are parts of their project's amount when the project announces a breakdown.
import { linkSubProjects } from '../links.ts';
import type { Pass } from '../pass.ts';

export const subProjects: Pass = {
  name: 'sub-projects',
  reads: ['items.project', 'items.metric', 'structure.breakdown'],
  writes: ['partOf'],
  run: ({ items, ft, lex }) => linkSubProjects(items, ft, lex),
};
