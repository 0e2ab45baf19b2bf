// The chart: allocated against disbursed, by province, for one programme. Each bar is the largest
// province-wide total a document reports for that year (several documents repeat the same total;
// summing them would count it twice); the totals are read through the partial index of them
// (figures_province_totals, migration 6).
import type { Db } from '../store/db.ts';
import { provinceKeys } from '../store/places.ts';
import { prepared } from '../store/statements.ts';
import { formatValue } from '../check/format.ts';
import { html, type Safe } from './html.ts';

/** The largest province-wide total of one metric a document reports for a province and year. */
export interface ProvinceTotal {
  program: string;
  province: string;
  current: string | null;
  provinceKey: string;
  currentKey: string | null;
  year: number;
  metric: 'allocated' | 'disbursed';
  value: number;
}

/** Parts (districts, projects, capital types, funds) would be counted twice beside their totals:
 *  the conditions of the index, repeated so that the planner can use it. */
const WHOLE_PROVINCE = `f.kind = 'money' AND f.metric IN ('allocated', 'disbursed') AND f.district IS NULL AND f.project IS NULL
  AND f.capital IS NULL AND f.fund IS NULL AND f.part_of IS NULL AND f.province_key IS NOT NULL AND f.year IS NOT NULL`;

/** One programme's totals in the latest documents (the largest per province, year and metric). */
export const PROVINCE_TOTALS_SQL = `SELECT f.program, f.province, f.current_province AS current, f.province_key AS provinceKey,
    f.current_key AS currentKey, f.year, f.metric, max(f.value) AS value
  FROM figures f INDEXED BY figures_province_totals
  WHERE f.program = ? AND ${WHOLE_PROVINCE} AND (SELECT d.latest FROM documents d WHERE d.id = f.document_id) = 1
  GROUP BY f.province_key, f.year, f.metric`;

export function provinceTotals(db: Db, program: string): ProvinceTotal[] {
  return prepared(db, PROVINCE_TOTALS_SQL).all(program) as ProvinceTotal[];
}

export interface ChartBar {
  province: string;
  current: string | null;
  year: number;
  allocated: number | null;
  disbursed: number | null;
}

export interface ChartQuery {
  program: string;
  year?: number;
  province?: string;
}

/** Per province, the latest year it reports a disbursement for (else its latest year), or the year asked. */
export function chartData(totals: ProvinceTotal[], q: ChartQuery): ChartBar[] {
  const keys = q.province ? new Set(provinceKeys(q.province)) : null;
  const rows = totals.filter(
    (t) => t.program === q.program && (q.year === undefined || t.year === q.year) && (!keys || keys.has(t.provinceKey) || (t.currentKey !== null && keys.has(t.currentKey))),
  );
  const byProvince = new Map<string, ProvinceTotal[]>();
  for (const r of rows) byProvince.set(r.provinceKey, [...(byProvince.get(r.provinceKey) ?? []), r]);
  const bars = [...byProvince.values()].map((rs): ChartBar => {
    const disbursedYears = rs.filter((r) => r.metric === 'disbursed').map((r) => r.year);
    const year = Math.max(...(disbursedYears.length ? disbursedYears : rs.map((r) => r.year)));
    const value = (m: string) => rs.find((r) => r.year === year && r.metric === m)?.value ?? null;
    return { province: rs[0].province, current: rs[0].current, year, allocated: value('allocated'), disbursed: value('disbursed') };
  });
  return bars.sort((a, b) => (b.allocated ?? b.disbursed ?? 0) - (a.allocated ?? a.disbursed ?? 0));
}

const WIDTH = 720;
const ROW = 34;
const LABEL = 190;

/** Inline SVG: two bars per province, values written beside them (no script, no external font). */
export function chartSvg(bars: ChartBar[], title: string): Safe {
  const max = Math.max(1, ...bars.flatMap((b) => [b.allocated ?? 0, b.disbursed ?? 0]));
  const scale = (v: number) => Math.max(1, ((WIDTH - LABEL - 150) * v) / max);
  const height = 40 + bars.length * ROW;
  const rows = bars.map((b, i) => {
    const y = 30 + i * ROW;
    const name = b.current && b.current !== b.province ? `${b.province} (→ ${b.current})` : b.province;
    const bar = (v: number | null, dy: number, cls: string, word: string) =>
      v === null
        ? html`<text x="${LABEL}" y="${y + dy + 10}" class="none">no ${word} figure</text>`
        : html`<rect x="${LABEL}" y="${y + dy}" width="${scale(v).toFixed(1)}" height="12" class="${cls}"><title>${word}: ${formatValue(v, 'VND')}</title></rect><text x="${(LABEL + scale(v) + 6).toFixed(1)}" y="${y + dy + 10}">${formatValue(v, 'VND')}</text>`;
    return html`<g><text x="0" y="${y + 16}" class="label">${name} ${b.year}</text>${bar(b.allocated, 0, 'allocated', 'allocated')}${bar(b.disbursed, 14, 'disbursed', 'disbursed')}</g>`;
  });
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" aria-label="${title}">
<text x="0" y="14" class="title">${title}</text>
<rect x="${WIDTH - 230}" y="4" width="10" height="10" class="allocated"/><text x="${WIDTH - 215}" y="13">allocated</text>
<rect x="${WIDTH - 140}" y="4" width="10" height="10" class="disbursed"/><text x="${WIDTH - 125}" y="13">disbursed</text>
${rows}
</svg>`;
}
