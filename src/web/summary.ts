// What the page shows about the whole store — facet values with their figure counts, and the
// province totals the chart draws — read in one pass over the latest figures. A million figures
// take seconds to read, so the summary is built once per store state (PRAGMA data_version
// changes when another connection commits, e.g. an ingest while the page is served).
import type { Db } from '../store/db.ts';

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface Facets {
  province: FacetValue[];
  current: FacetValue[];
  program: FacetValue[];
  project: FacetValue[];
  metric: FacetValue[];
  year: FacetValue[];
  document: FacetValue[];
}

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

export interface Summary {
  facets: Facets;
  totals: ProvinceTotal[];
}

/** Longer lists are cut to their largest values (the rest are reachable by the search box). */
const MAX_VALUES = 100;

type Raw = [number, string | null, string | null, string | null, string | null, string | null, number | null, string, number, number, string | null, string | null];

export function buildSummary(db: Db): Summary {
  const tallies = Array.from({ length: 7 }, () => new Map<string, number>());
  const totals = new Map<string, ProvinceTotal>();
  const rows = db
    .prepare(
      `SELECT f.document_id, f.province, f.current_province, f.program, f.project, f.metric, f.year, f.kind, f.value,
              (f.district IS NULL AND f.project IS NULL AND f.capital IS NULL AND f.fund IS NULL AND f.part_of IS NULL),
              f.province_key, f.current_key
       FROM figures f JOIN documents d ON d.id = f.document_id WHERE d.latest = 1`,
    )
    .raw()
    .iterate() as IterableIterator<Raw>;
  for (const r of rows) {
    for (let i = 0; i < 7; i++) {
      const v = r[i];
      if (v !== null) tallies[i].set(String(v), (tallies[i].get(String(v)) ?? 0) + 1);
    }
    const [, province, current, program, , metric, year, kind, value, whole, provinceKey, currentKey] = r;
    // Parts (districts, projects, capital types, funds) would be counted twice beside their totals.
    if (kind !== 'money' || !whole || province === null || program === null || year === null || provinceKey === null) continue;
    if (metric !== 'allocated' && metric !== 'disbursed') continue;
    const key = `${program}|${provinceKey}|${year}|${metric}`;
    const seen = totals.get(key);
    if (!seen || value > seen.value) totals.set(key, { program, province, current, provinceKey, currentKey, year, metric, value });
  }
  const list = (i: number, label = (v: string) => v) =>
    [...tallies[i]]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_VALUES)
      .map(([value, count]) => ({ value, label: label(value), count }));
  const docs = list(0);
  const titles = new Map(
    (db
      .prepare(`SELECT d.id, coalesce(d.title, s.uri) AS name FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.id IN (${docs.map(() => '?').join(', ') || 'NULL'})`)
      .all(...docs.map((d) => Number(d.value))) as { id: number; name: string }[]).map((d) => [String(d.id), d.name]),
  );
  return {
    facets: {
      document: docs.map((d) => ({ ...d, label: titles.get(d.value) ?? d.value })),
      province: list(1),
      current: list(2),
      program: list(3),
      project: list(4),
      metric: list(5),
      year: list(6).sort((a, b) => Number(b.value) - Number(a.value)),
    },
    totals: [...totals.values()],
  };
}

/** The summary of the store as it is now: rebuilt only after a commit elsewhere. */
export function summaryOf(db: Db): () => Summary {
  let version = -1;
  let summary: Summary | null = null;
  return () => {
    const now = db.pragma('data_version', { simple: true }) as number;
    if (!summary || now !== version) {
      summary = buildSummary(db);
      version = now;
    }
    return summary;
  };
}
