// Pass: table cells: the row label and column header say what a cell's figure is, and a rate
// column beside an amount column in the same row is that amount's rate.
import type { Block } from '../../contract/parsed.ts';
import { foldPhrase } from '../../text/fold.ts';
import { lastAtOrBefore } from '../../text/search.ts';
import { metricIn, lastCue } from '../cues.ts';
import { findMentions, projectLabel } from '../mentions.ts';
import { findPlaceMatches, resolvePlaces } from '../places.ts';
import { scanHits } from '../hits.ts';
import { set, type Pass } from '../pass.ts';
import type { Item } from '../item.ts';

export const tables: Pass = {
  name: 'tables',
  reads: ['parsed.blocks', 'items.metric', 'metrics', 'funds', 'places', 'labels'],
  writes: ['metric', 'fund', 'capital', 'year', 'project', 'location', 'rateOf', 'rateKind'],
  run({ items, parsed, inv, lex, facts }) {
    const cells = parsed.blocks.filter((b) => b.kind === 'table-cell').map((b) => ({ b, fs: inv(b.start), fe: inv(b.end) }));
    if (!cells.length) return;
    cells.sort((a, b) => a.fs - b.fs);
    const home = facts.home;
    const inRow = new Map<string, Item[]>();
    for (const it of items) {
      const cell = cellAt(cells, it.c.fs);
      if (!cell) continue;
      const header = foldPhrase(cell.colHeader ?? '');
      const row = foldPhrase(cell.rowLabel ?? '');
      if (it.c.kind !== 'quantity') {
        const metric = metricIn(header, lex) ?? metricIn(row, lex);
        if (metric) set(it, 'metric', metric.value, `table header or row: ${metric.why}`);
        const fund = lastCue(lex.fundRe, lex.fundOf, header, 'funds.fund');
        if (fund) set(it, 'fund', fund.value, `table header: ${fund.why}`);
        const capital = lastCue(lex.capitalRe, lex.capitalOf, header, 'funds.capital');
        if (capital) set(it, 'capital', capital.value, `table header: ${capital.why}`);
      }
      const year = /(?:19|20)\d{2}/.exec(header);
      if (year) set(it, 'year', Number(year[0]), `table header: '${year[0]}'`);
      const hits = scanHits(row, lex);
      const proj = findMentions(row, lex, hits).projects[0];
      const label = proj ? projectLabel(proj.value) : null;
      if (label) set(it, 'project', label, `table row label: '${row.slice(proj!.fs, proj!.fe)}'`);
      const place = resolvePlaces(findPlaceMatches(row, hits), home?.province ?? null, home?.current ?? null)[0];
      if (place) set(it, 'location', { province: place.province, district: place.district, current: place.current }, `table row label: '${row.slice(place.fs, place.fe)}'`);
      const key = `${cell.locator.table}:${cell.locator.row}`;
      const list = inRow.get(key);
      if (list) list.push(it);
      else inRow.set(key, [it]);
    }
    // "Tỷ lệ giải ngân (%)" beside "Giải ngân (triệu đồng)" in the same row: the rate of that amount.
    for (const row of inRow.values()) {
      for (const it of row) {
        if (it.c.kind !== 'percent' || it.rateOf !== null) continue;
        const amount = row.find((o) => o.c.kind === 'money' && o.metric === it.metric && it.metric !== null);
        if (!amount) continue;
        const why = `the ${amount.metric} amount f${amount.index} in the same table row`;
        set(it, 'rateOf', amount.index, why);
        set(it, 'rateKind', amount.metric === 'disbursed' ? 'disbursement' : 'plan_progress', why);
      }
    }
  },
};

function cellAt(cells: { b: Block; fs: number; fe: number }[], pos: number): Block | null {
  const c = cells[lastAtOrBefore(cells, pos, (x) => x.fs)];
  return c && pos < c.fe ? c.b : null;
}
