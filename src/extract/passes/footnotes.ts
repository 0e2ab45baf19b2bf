// Pass: figures in a footnote body take what they lack from the figure the footnote explains.
import { referent } from '../links.ts';
import { set, type Pass } from '../pass.ts';

export const footnotes: Pass = {
  name: 'footnotes',
  reads: ['items.footnote', 'items.metricCue'],
  writes: ['metric', 'fund', 'program', 'project', 'year', 'asOf'],
  run({ items }) {
    for (const it of items) {
      if (!it.footnote || it.footnote.refAt === null) continue;
      const r = referent(items, it.footnote.refAt, it.c.kind);
      const ref = r >= 0 ? items[r] : null;
      if (!ref) continue;
      const why = `from f${ref.index}, the figure the footnote explains`;
      if (it.c.kind === 'money') {
        if (!it.metricCue) set(it, 'metric', ref.metric, why);
        if (it.fund === null) set(it, 'fund', ref.fund, why);
      }
      if (it.program === null) set(it, 'program', ref.program, why);
      if (it.project === null) set(it, 'project', ref.project, why);
      if (it.year === null && it.asOf === null) {
        set(it, 'year', ref.year, why);
        set(it, 'asOf', ref.asOf, why);
      }
    }
  },
};
