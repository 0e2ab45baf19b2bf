// Pass: what the surroundings say of each figure: a section's metric for an amount that names
// none, and programme, project, place and dates (own sentence, headings, then the title).
import { metricIn } from '../cues.ts';
import { programOf, projectOf, locationOf, datesOf, headingMetric } from '../context.ts';
import { set, type Pass } from '../pass.ts';

export const context: Pass = {
  name: 'context',
  reads: ['ctx', 'items.metric', 'programs', 'places', 'dates', 'labels'],
  writes: ['metric', 'program', 'project', 'location', 'asOf', 'year'],
  run({ items, ctx, lex, spell }) {
    for (const it of items) {
      if (it.c.kind === 'money' && it.metric === null) {
        const h = headingMetric(ctx, it, (heading) => metricIn(heading, lex));
        set(it, 'metric', h?.value ?? 'other', h?.why ?? 'no metric word for the amount');
      }
      const program = programOf(ctx, it);
      if (program) set(it, 'program', program.value, program.why);
      const project = projectOf(ctx, it);
      if (project) set(it, 'project', project.value, project.why);
      const location = locationOf(ctx, it);
      set(it, 'location', spell(location.value), location.why);
      const { asOf, year } = datesOf(ctx, it);
      set(it, 'asOf', asOf.value, asOf.why);
      set(it, 'year', year.value, year.why);
    }
  },
};
