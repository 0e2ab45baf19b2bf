// Pass: a component speaks of what its total speaks of: "… đến hết tháng 5/2024 khoảng 7.555 tỷ
// đồng. Trong đó, CTMTQG xây dựng nông thôn mới khoảng 2.411 tỷ đồng" is as of the same date.
import { set, type Pass } from '../pass.ts';
import { allIn } from '../mentions.ts';
import { itemAt } from '../item.ts';

export const components: Pass = {
  name: 'components',
  reads: ['items.partOf', 'items.asOf', 'items.year', 'items.program'],
  writes: ['asOf', 'year', 'program'],
  run({ items, ctx, ft }) {
    const { asOf, asOfNear, years } = ctx.mentions;
    // A date written in the total's own sentence, not one carried from a heading or "đến nay".
    const datedInSentence = (x: (typeof items)[number]) => allIn(asOf, x.ss, x.se).length + allIn(asOfNear, x.ss, x.se).length > 0;
    for (const it of items) {
      const parent = itemAt(items, it.partOf);
      if (!parent) continue;
      const why = `from f${parent.index}, the total it is part of`;
      // Its own sentence or the next one ("… 7.555 tỷ đồng. Trong đó, …"), not a section further on.
      const near = parent.ss === it.ss || ft.slice(parent.se, it.ss).trim() === '';
      if (near && it.asOf === null && parent.asOf !== null && datedInSentence(parent) && allIn(years, it.ss, it.se).length === 0) {
        set(it, 'asOf', parent.asOf, why);
        if (it.year === null) set(it, 'year', parent.year, why);
      }
      if (it.program === null && parent.program !== null) set(it, 'program', parent.program, why);
    }
  },
};
