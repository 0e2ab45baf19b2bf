// Facet values with figure counts that follow the page's filter. The counts come from migration
// 6's facet_counts and document_counts (kept by the writers, once per document): a few thousand rows
// whatever the store's size, read once per store state (PRAGMA data_version changes when another
// connection commits) and summed here under the filter, each facet without its own choice. They
// follow the filters those tables hold (place, programme, project, metric, kind, year; documents:
// place and programme); the page says which other filters they do not follow.
// tests/web-facets.test.ts checks every count against the rows the figure query returns.
import type { Db } from '../store/db.ts';
import { placeKey } from '../store/fold.ts';
import { YEAR_OF, provinceMatch, type FigureFilter } from '../store/query.ts';
import type { ListParams } from './params.ts';

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
  /** What the filter asks that the counts do not narrow by ("search words", "values"…). */
  uncounted: string[];
}

/** Longer lists are cut to their largest values (the rest are reachable by the search box). */
const MAX_VALUES = 100;

/** Filter fields the counts cannot follow, as the page names them. */
const UNCOUNTED: [keyof FigureFilter, string][] = [
  ['text', 'search words'],
  ['asOfFrom', 'dates'],
  ['asOfTo', 'dates'],
  ['min', 'values'],
  ['max', 'values'],
  ['document', 'document'],
];

interface Count {
  province: string | null;
  current: string | null;
  province_key: string | null;
  current_key: string | null;
  place_key: string | null;
  district_key: string | null;
  program: string | null;
  project: string | null;
  metric: string | null;
  kind: string;
  year: number | null;
  n: number;
}
type DocumentCount = Pick<Count, 'province_key' | 'place_key' | 'program' | 'n'> & { document_id: number };

interface Tables {
  counts: Count[];
  documents: DocumentCount[];
}

/** A sub-project's project ("Tiểu dự án 1 Dự án 5" -> "Dự án 5"), as query.ts's PROJECT_ROOT. */
const projectRoot = (p: string) => p.slice(p.indexOf(' Dự án ') + 1);

/** Whether a counted row meets the filter's field `k`: the same tests as the figure query's terms. */
const TESTS = {
  province: (f: FigureFilter) => {
    const { column, keys } = provinceMatch(f.province!);
    return (r: Pick<Count, 'province_key' | 'place_key'>) => keys.includes(r[column] as string);
  },
  district: (f: FigureFilter) => {
    const key = placeKey(f.district);
    return (r: Count) => r.district_key === key;
  },
  project: (f: FigureFilter) => {
    const sub = f.project!.includes(' Dự án ');
    const root = projectRoot(f.project!);
    return (r: Count) => r.project !== null && (sub ? r.project === f.project : projectRoot(r.project) === root);
  },
  program: (f: FigureFilter) => (r: Pick<Count, 'program'>) => r.program === f.program,
  metric: (f: FigureFilter) => (r: Count) => r.metric === f.metric,
  kind: (f: FigureFilter) => (r: Count) => r.kind === f.kind,
  year: (f: FigureFilter) => (r: Count) => r.year === f.year,
} as const;
type Field = keyof typeof TESTS;

/** The counts of a connection's store, read again after a commit elsewhere. */
export function facetCounts(db: Db): () => Tables {
  let version = -1;
  let tables: Tables | null = null;
  return () => {
    const now = db.pragma('data_version', { simple: true }) as number;
    if (!tables || now !== version) {
      tables = {
        // The year as the query's YEAR_OF reads it (facet_counts keeps the year of as_of only).
        counts: db
          .prepare(
            `SELECT province, current_province AS current, province_key, current_key, place_key, district_key, program, project,
                    metric, kind, ${YEAR_OF} AS year, n FROM facet_counts f WHERE n > 0`,
          )
          .all() as Count[],
        documents: db.prepare('SELECT document_id, province_key, place_key, program, n FROM document_counts WHERE n > 0').all() as DocumentCount[],
      };
      version = now;
    }
    return tables;
  };
}

/** Facets already built from one state of the counts, by what they depend on (the last few). */
const built = new WeakMap<Tables, Map<string, Facets>>();
const KEEP_BUILT = 64;

export function facetsFor(db: Db, tables: Tables, filter: FigureFilter, p: Partial<ListParams>): Facets {
  const fields = (Object.keys(TESTS) as Field[]).filter((k) => filter[k] !== undefined);
  const uncounted = [...new Set(UNCOUNTED.filter(([k]) => filter[k] !== undefined).map(([, name]) => name))];
  const key = JSON.stringify([fields.map((k) => filter[k]), uncounted, p.province, p.current, p.program, p.project, p.metric, p.year, p.doc]);
  let cache = built.get(tables);
  if (!cache) built.set(tables, (cache = new Map()));
  let facets = cache.get(key);
  if (!facets) {
    facets = { ...buildFacets(db, tables, filter, fields, p), uncounted };
    if (cache.size >= KEEP_BUILT) cache.delete(cache.keys().next().value!);
    cache.set(key, facets);
  }
  return facets;
}

function buildFacets(db: Db, tables: Tables, filter: FigureFilter, fields: Field[], p: Partial<ListParams>): Omit<Facets, 'uncounted'> {
  const tests = fields.map((k) => [k, TESTS[k](filter)] as const);
  /** Rows meeting every counted filter but `omit`'s (a facet shows what choosing another value finds). */
  const rowsBut = <R extends Partial<Count>>(rows: R[], omit: Field | null, fields?: Field[]) => {
    const use = tests.filter(([k]) => k !== omit && (!fields || fields.includes(k))).map(([, t]) => t as (r: R) => boolean);
    return use.length ? rows.filter((r) => use.every((t) => t(r))) : rows;
  };
  const tally = (rows: Count[], value: (r: Count) => string | number | null) => {
    const m = new Map<string, number>();
    for (const r of rows) {
      const v = value(r);
      if (v !== null) m.set(String(v), (m.get(String(v)) ?? 0) + r.n);
    }
    return m;
  };
  const { counts, documents } = tables;

  // A province as written counts what choosing it finds: its own figures, or (a province of today)
  // every figure whose province is it today.
  const places = rowsBut(counts, 'province');
  const byColumn = { province_key: tally(places, (r) => r.province_key), place_key: tally(places, (r) => r.place_key) };
  const province = new Map(
    [...tally(places, (r) => r.province).keys()].map((name) => {
      const { column, keys } = provinceMatch(name);
      return [name, keys.reduce((sum, k) => sum + (byColumn[column].get(k) ?? 0), 0)];
    }),
  );
  const current = tally(places, (r) => r.current);
  const currentCount = new Map([...current.keys()].map((name) => [name, byColumn.place_key.get(placeKey(name)!) ?? 0]));

  // "Dự án 5" finds its sub-projects too; a sub-project finds itself.
  const projectRows = rowsBut(counts, 'project');
  const roots = tally(projectRows, (r) => (r.project === null ? null : projectRoot(r.project)));
  const project = new Map([...tally(projectRows, (r) => r.project)].map(([name, n]) => [name, name.includes(' Dự án ') ? n : (roots.get(name) ?? 0)]));

  const byDocument = new Map<number, number>();
  for (const r of rowsBut(documents, null, ['province', 'program'])) byDocument.set(r.document_id, (byDocument.get(r.document_id) ?? 0) + r.n);
  const topDocuments = [...byDocument].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, MAX_VALUES);
  const titles = new Map(
    (db
      .prepare(`SELECT d.id, coalesce(d.title, s.uri) AS name FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(topDocuments.map(([id]) => id))) as { id: number; name: string }[]).map((d) => [d.id, d.name]),
  );

  const keep = (list: FacetValue[], chosen: string | number | undefined) =>
    chosen === undefined || list.some((v) => v.value === String(chosen)) ? list : [...list, { value: String(chosen), label: String(chosen), count: 0 }];
  return {
    province: keep(listOf(province), p.province),
    current: keep(listOf(currentCount), p.current),
    program: keep(listOf(tally(rowsBut(counts, 'program'), (r) => r.program)), p.program),
    project: keep(listOf(project), p.project),
    metric: keep(listOf(tally(rowsBut(counts, 'metric'), (r) => r.metric)), p.metric),
    year: keep(listOf(tally(rowsBut(counts, 'year'), (r) => r.year)), p.year).sort((a, b) => Number(b.value) - Number(a.value)),
    document: keep(
      topDocuments.map(([id, count]) => ({ value: String(id), label: titles.get(id) ?? String(id), count })),
      p.doc,
    ),
  };
}

/** Values with figures, most figures first, at most MAX_VALUES. */
function listOf(counts: Map<string, number>): FacetValue[] {
  return [...counts]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_VALUES)
    .map(([value, count]) => ({ value, label: value, count }));
}
