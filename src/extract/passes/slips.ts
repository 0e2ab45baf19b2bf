// Pass: slipped thousands marks. "8.420 triệu đồng, 12,350 triệu đồng và 14.615 triệu đồng": in a
// list of amounts grouped with '.', an amount written "12,350" is a slipped thousands mark,
// whatever the document's habit.
import type { Item } from '../item.ts';
import type { Pass } from '../pass.ts';

export const slips: Pass = {
  name: 'slips',
  reads: ['items.c', 'ft'],
  writes: ['candidate'],
  run({ items, ft }) {
    const grouped = (o: Item | undefined, it: Item) =>
      o !== undefined && o.ss === it.ss && o.c.kind === it.c.kind && o.c.alt === null && Math.abs(o.c.fs - it.c.fs) < 120 && /^\d{1,3}(?:\.\d{3})+(?!,)/.test(ft.slice(o.c.fs, o.c.fe));
    for (let k = 0; k < items.length; k++) {
      const it = items[k];
      if (it.c.alt === null) continue;
      // Neighbours in the list: the amounts just before and after it.
      if ([items[k - 2], items[k - 1], items[k + 1], items[k + 2]].some((o) => grouped(o, it))) it.c = { ...it.c, value: it.c.alt, alt: null, confidence: 0.6, decimals: 0 };
    }
  },
};
