// Facet values with their figure counts over the latest documents. Counting a million figures
// takes a while, so the lists are built once per store state (PRAGMA data_version changes when
// another connection commits, e.g. an ingest while the page is served).
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

/** Longer lists are cut to their largest values (the rest are reachable by typing in the search). */
const MAX_VALUES = 100;

const FROM = 'FROM figures f JOIN documents d ON d.id = f.document_id WHERE d.latest = 1';

function counts(db: Db, column: string): FacetValue[] {
  const rows = db
    .prepare(`SELECT ${column} AS value, count(*) AS count ${FROM} AND ${column} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${MAX_VALUES}`)
    .all() as { value: string | number; count: number }[];
  return rows.map((r) => ({ value: String(r.value), label: String(r.value), count: r.count }));
}

function build(db: Db): Facets {
  const documents = db
    .prepare(
      `SELECT d.id AS value, coalesce(d.title, s.uri) AS label, x.count FROM
         (SELECT document_id, count(*) AS count FROM figures GROUP BY 1) x
       JOIN documents d ON d.id = x.document_id JOIN sources s ON s.id = d.source_id
       WHERE d.latest = 1 ORDER BY x.count DESC, d.id LIMIT ${MAX_VALUES}`,
    )
    .all() as { value: number; label: string; count: number }[];
  return {
    province: counts(db, 'f.province'),
    current: counts(db, 'f.current_province'),
    program: counts(db, 'f.program'),
    project: counts(db, 'f.project'),
    metric: counts(db, 'f.metric'),
    year: counts(db, 'f.year').sort((a, b) => Number(b.value) - Number(a.value)),
    document: documents.map((d) => ({ value: String(d.value), label: d.label, count: d.count })),
  };
}

/** Results kept per store state: recomputed only after a commit elsewhere. */
export function perStoreState<K, V>(db: Db, compute: (key: K) => V, keyOf: (key: K) => string, max = 64): (key: K) => V {
  let version = -1;
  const cache = new Map<string, V>();
  return (key) => {
    const now = db.pragma('data_version', { simple: true }) as number;
    if (now !== version) {
      cache.clear();
      version = now;
    }
    const k = keyOf(key);
    let v = cache.get(k);
    if (v === undefined) {
      v = compute(key);
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      cache.set(k, v);
    }
    return v;
  };
}

export function facetsOf(db: Db): () => Facets {
  const cached = perStoreState(db, () => build(db), () => '');
  return () => cached(undefined);
}
