// Pass: components and their totals ("trong đó", "(ĐTPT a, SN b)", "gồm", footnote breakdowns).
import { linkParts } from '../links.ts';
import type { Pass } from '../pass.ts';

export const parts: Pass = {
  name: 'parts',
  reads: ['items.c', 'items.footnote', 'structure.breakdown', 'funds'],
  writes: ['partOf'],
  run: ({ items, ft, lex }) => linkParts(items, ft, lex),
};
