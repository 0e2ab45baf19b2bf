// The schema, one migration per PRAGMA user_version step. Append new steps; never edit old ones.
// FTS content is kept in sync by triggers, so rows are only ever INSERTed or DELETEd (never
// INSERT OR REPLACE, which would skip the delete trigger and leave stale index entries).
// Migration 6's facet tables: the columns a figure is counted by, as SQL over the figures `r`
// (grouped by the first column, a key that tells NULL from '' by quote()).
const FACET_COLUMNS = (r: string) => [
  `${r}.province`, `${r}.current_province`, `${r}.province_key`, `${r}.current_key`, `coalesce(${r}.current_key, ${r}.province_key)`,
  `${r}.district_key`, `${r}.program`, `${r}.project`, `${r}.metric`, `${r}.kind`, `${r}.year`, `substr(${r}.as_of, 1, 4)`,
];
const DOCUMENT_COLUMNS = (r: string) => [`${r}.document_id`, `${r}.province_key`, `coalesce(${r}.current_key, ${r}.province_key)`, `${r}.program`];
const keyed = (cols: string[]) => [cols.map((c) => `quote(${c})`).join(" || ',' || "), ...cols].join(', ');
/** Adds `n` times the figures of `from` (grouped) to one table: an SQL statement. */
const countInto = (table: 'facet_counts' | 'document_counts', n: string, from: string) =>
  `INSERT INTO ${table} SELECT ${keyed((table === 'facet_counts' ? FACET_COLUMNS : DOCUMENT_COLUMNS)('f'))}, ${n} ${from} GROUP BY 1 ON CONFLICT (key) DO UPDATE SET n = n + excluded.n`;
const countFacets = (n: string, from: string) => `
    ${countInto('facet_counts', n, from)};
    ${countInto('document_counts', n, from)};`;
const LATEST = (r: string) => `(SELECT latest FROM documents WHERE id = ${r}.document_id) = 1`;

/** What the writers run for the documents they store or drop (store/write.ts countFacets): their
 *  figures counted in or out (parameters: sign +1 or -1, documents as a JSON array of ids), those
 *  of the latest versions. Per-figure triggers would cost every insert more than the rest of it. */
export const FACET_COUNT_STATEMENTS = (['facet_counts', 'document_counts'] as const).map((t) =>
  countInto(t, '@sign * count(*)', `FROM figures f WHERE f.document_id IN (SELECT value FROM json_each(@documents)) AND ${LATEST('f')}`),
);

export const MIGRATIONS: readonly string[] = [
  /* 1 */ `
  CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    uri TEXT NOT NULL UNIQUE            -- absolute path or URL the bytes came from
  );

  CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    version INTEGER NOT NULL,           -- 1, 2, … per source: a changed file is a new version
    latest INTEGER NOT NULL DEFAULT 1,  -- 1 for the source's newest version (kept by the writer)
    sha256 TEXT NOT NULL UNIQUE,
    format TEXT NOT NULL CHECK (format IN ('txt', 'html', 'docx', 'pdf')),
    title TEXT,
    published TEXT,
    ingested_at TEXT NOT NULL,
    text TEXT NOT NULL,                 -- canonical text every offset points into
    blocks TEXT NOT NULL,               -- ParsedDocument.blocks as JSON, for reextract
    extractor_version TEXT NOT NULL,
    patterns_version TEXT NOT NULL,
    UNIQUE (source_id, version)
  );

  CREATE TABLE citations (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    quote TEXT NOT NULL,                -- the sentence, exactly text[span_start, span_end)
    search TEXT NOT NULL,               -- fold(quote): what full-text search matches
    UNIQUE (document_id, span_start, span_end)
  );

  CREATE VIRTUAL TABLE citations_fts USING fts5(
    search, content = 'citations', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER citations_ai AFTER INSERT ON citations BEGIN
    INSERT INTO citations_fts (rowid, search) VALUES (new.id, new.search);
  END;
  CREATE TRIGGER citations_ad AFTER DELETE ON citations BEGIN
    INSERT INTO citations_fts (citations_fts, rowid, search) VALUES ('delete', old.id, old.search);
  END;
  CREATE TRIGGER citations_au AFTER UPDATE OF search ON citations BEGIN
    INSERT INTO citations_fts (citations_fts, rowid, search) VALUES ('delete', old.id, old.search);
    INSERT INTO citations_fts (rowid, search) VALUES (new.id, new.search);
  END;

  CREATE TABLE figures (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    fid TEXT NOT NULL,                  -- the contract's id, stable within the document version
    citation_id INTEGER NOT NULL REFERENCES citations(id),
    kind TEXT NOT NULL CHECK (kind IN ('money', 'percent', 'quantity')),
    text TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    value REAL NOT NULL,
    unit TEXT NOT NULL,
    per TEXT,
    of REAL,
    range_to REAL,
    qualifier TEXT NOT NULL,
    metric TEXT,
    rate_kind TEXT,
    rate_of TEXT,
    part_of TEXT,
    program TEXT,
    project TEXT,
    fund TEXT,
    capital TEXT,
    province TEXT,                      -- as written
    district TEXT,
    current_province TEXT,              -- the province today (after the 2025 mergers)
    province_key TEXT,                  -- fold(province), fold(district), fold(current_province)
    district_key TEXT,
    current_key TEXT,
    as_of TEXT,
    year INTEGER,
    confidence REAL NOT NULL,
    locator TEXT,                       -- JSON, null for plain text
    extractor_version TEXT NOT NULL,
    patterns_version TEXT NOT NULL,
    UNIQUE (document_id, fid),
    FOREIGN KEY (document_id, rate_of) REFERENCES figures (document_id, fid) DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (document_id, part_of) REFERENCES figures (document_id, fid) DEFERRABLE INITIALLY DEFERRED
  );
  CREATE INDEX figures_citation ON figures (citation_id);
  CREATE INDEX figures_province ON figures (province_key);
  CREATE INDEX figures_current ON figures (current_key);
  CREATE INDEX figures_district ON figures (district_key);
  CREATE INDEX figures_program ON figures (program, metric, year);
  CREATE INDEX figures_metric ON figures (metric, kind);
  CREATE INDEX figures_as_of ON figures (as_of);
  CREATE INDEX figures_year ON figures (year);
  CREATE INDEX figures_value ON figures (value);
  CREATE INDEX figures_project ON figures (project);

  CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL CHECK (rule IN ('rate', 'components', 'subprojects', 'cross_document')),
    document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,   -- null: across documents
    message TEXT NOT NULL,
    expected REAL,
    found REAL,
    audited_at TEXT NOT NULL
  );
  CREATE INDEX findings_document ON findings (document_id);
  CREATE TABLE finding_figures (
    finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    figure_id INTEGER NOT NULL REFERENCES figures(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (finding_id, figure_id)
  ) WITHOUT ROWID;
  CREATE INDEX finding_figures_figure ON finding_figures (figure_id);

  -- Views for sqlite3 / Datasette: one readable row per figure and per finding figure.
  CREATE VIEW latest_documents AS
    SELECT d.*, s.uri AS source FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.latest = 1;

  CREATE VIEW figure_rows AS
    SELECT f.id, s.uri AS source, d.version, d.sha256, d.title, d.published,
           d.latest,
           f.fid, f.kind, f.text, f.value, f.unit, f.per, f.of, f.range_to, f.qualifier,
           f.metric, f.rate_kind, f.rate_of, f.part_of, f.program, f.project, f.fund, f.capital,
           f.province, f.district, f.current_province, f.as_of, f.year, f.confidence,
           f.span_start, f.span_end, c.span_start AS quote_start, c.span_end AS quote_end, c.quote, f.locator,
           f.extractor_version, f.patterns_version, f.document_id, f.citation_id
    FROM figures f JOIN documents d ON d.id = f.document_id JOIN sources s ON s.id = d.source_id
         JOIN citations c ON c.id = f.citation_id;

  CREATE VIEW finding_rows AS
    SELECT n.id AS finding, n.rule, n.message, n.expected, n.found, ff.role,
           r.source, r.fid, r.text, r.value, r.unit, r.quote, r.quote_start, r.quote_end, r.locator
    FROM findings n JOIN finding_figures ff ON ff.finding_id = n.id JOIN figure_rows r ON r.id = ff.figure_id;
  `,
  // Provenance: which pass and rule set each meaning field (JSON), as `extract --explain` shows.
  `ALTER TABLE figures ADD COLUMN why TEXT;`,
  /* 3: the crawler's frontier, its run summaries and the lock that keeps two runs apart */ `
  CREATE TABLE crawl_frontier (
    url TEXT PRIMARY KEY,               -- canonical URL (src/crawl/canonical.ts), no credentials
    host TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('start', 'listing', 'feed', 'sitemap', 'article')),
    state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed', 'robots', 'old', 'gone')),
    next_try TEXT,                      -- ISO time it is due again; null: only when found again
    tries INTEGER NOT NULL DEFAULT 0,   -- failed attempts since the last success
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT,                  -- sha256 of the article's text, to tell a real change
    hinted TEXT,                        -- date a feed or sitemap gave (YYYY-MM-DD)
    document_id INTEGER REFERENCES documents(id),
    last_status INTEGER,
    last_error TEXT,
    first_seen TEXT NOT NULL,
    fetched_at TEXT,
    run_id INTEGER                      -- the run that last fetched it
  );
  CREATE INDEX crawl_frontier_due ON crawl_frontier (next_try);

  CREATE TABLE crawl_runs (
    id INTEGER PRIMARY KEY,
    pid INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'stopped', 'interrupted')),
    summary TEXT NOT NULL               -- JSON counts and failures (src/crawl/runs.ts)
  );

  CREATE TABLE crawl_lock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    pid INTEGER NOT NULL,
    run_id INTEGER NOT NULL,
    beat_at TEXT NOT NULL               -- refreshed while the run works; old means the holder died
  );
  `,
  /* 4 */ `
  -- Query keys (issue 12). A province query matches a figure's province as written or today's
  -- province; since every current province is its own current (patterns/places.json), that is one
  -- equality: on place_key for a current province, on province_key for a former one.
  ALTER TABLE figures ADD COLUMN place_key TEXT GENERATED ALWAYS AS (coalesce(current_key, province_key)) VIRTUAL;
  CREATE INDEX figures_place ON figures (place_key);
  -- The year a figure is about: its own, else its date's (query.ts uses the same expressions).
  CREATE INDEX figures_year_of ON figures (coalesce(year, CAST(substr(as_of, 1, 4) AS INTEGER)));
  -- "Tiểu dự án 1 Dự án 5" -> "Dự án 5": a project query finds its sub-projects by one equality.
  CREATE INDEX figures_project_root ON figures (substr(project, instr(project, ' Dự án ') + 1));
  -- One column, so one value's entries are in id order. Indexes no query uses go (each costs every
  -- insert): three programmes are each too common for an index to beat walking figures in id
  -- order; a sub-project is found through its project's root.
  DROP INDEX figures_program;
  DROP INDEX figures_metric;
  DROP INDEX figures_current;
  DROP INDEX figures_year;
  DROP INDEX figures_project;
  CREATE INDEX figures_metric ON figures (metric);

  -- Incremental audit. cross_key: audit/cross.ts crossKey, '' when not comparable, NULL when not
  -- yet computed (rows stored before this step). A cross-document finding keeps its key, so a key
  -- is re-checked by deleting and recomputing its findings alone.
  ALTER TABLE figures ADD COLUMN cross_key TEXT;
  CREATE INDEX figures_cross ON figures (cross_key) WHERE cross_key <> '';
  ALTER TABLE findings ADD COLUMN cross_key TEXT;
  CREATE INDEX findings_cross ON findings (cross_key) WHERE cross_key IS NOT NULL;
  -- 0: not audited (stored by --no-audit or a killed ingest), 1: its own figures audited.
  ALTER TABLE documents ADD COLUMN audited INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX documents_unaudited ON documents (id) WHERE audited = 0;
  -- Keys whose set of latest figures changed since the last cross-document check.
  CREATE TABLE cross_dirty (key TEXT PRIMARY KEY) WITHOUT ROWID;
  `,
  /* 5: every name a document was seen under */ `
  -- Every name a document's bytes were seen under (two copies of one report under two names, a
  -- file and the URL it came from): the source keeps the first, this keeps them all.
  CREATE TABLE document_names (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    uri TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    PRIMARY KEY (document_id, uri)
  ) WITHOUT ROWID;
  CREATE INDEX document_names_uri ON document_names (uri);
  INSERT INTO document_names (document_id, uri, first_seen)
    SELECT d.id, s.uri, d.ingested_at FROM documents d JOIN sources s ON s.id = d.source_id;
  `,
  /* 6: what the parser said about its reading, kept with the document (and for reextract) */ `
  ALTER TABLE documents ADD COLUMN warnings TEXT;                 -- JSON list of one-line warnings; null: none
  ALTER TABLE documents ADD COLUMN ocr INTEGER NOT NULL DEFAULT 0; -- 1: text read by OCR (figures less sure)
  `,
  /* 7: the content last seen under each name is current */ `
  -- A document version is current (latest = 1) while some name's content last seen is it: a.txt
  -- changed from X to Y while b.txt still holds X keeps X current, for b.txt.
  CREATE TABLE name_current (
    uri TEXT PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seen_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX name_current_document ON name_current (document_id);
  -- A source's current version is its name's; any other name, the version it was last recorded with.
  INSERT INTO name_current (uri, document_id, seen_at)
    SELECT s.uri, d.id, d.ingested_at FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.latest = 1;
  INSERT INTO name_current (uri, document_id, seen_at)
    SELECT uri, document_id, max(first_seen) FROM document_names GROUP BY uri ON CONFLICT (uri) DO NOTHING;
  -- Versions current again through another name are compared across documents at the next audit.
  INSERT INTO cross_dirty (key)
    SELECT DISTINCT f.cross_key FROM figures f JOIN documents d ON d.id = f.document_id
    WHERE d.latest = 0 AND f.cross_key <> '' AND d.id IN (SELECT document_id FROM name_current) ON CONFLICT DO NOTHING;
  UPDATE documents SET latest = (id IN (SELECT document_id FROM name_current));
  `,
  /* 8: facet counts kept by the writers (the page's facets at any store size without reading it), check and sort indexes */ `
  -- The latest figures counted by every combination of the page's facet columns (a few thousand
  -- rows for a million figures): counts that follow a filter are sums over the matching rows.
  -- place_key and as_of (its year only) as on figures, so the query terms apply unchanged.
  CREATE TABLE facet_counts (
    key TEXT PRIMARY KEY,
    province TEXT, current_province TEXT, province_key TEXT, current_key TEXT, place_key TEXT,
    district_key TEXT, program TEXT, project TEXT, metric TEXT, kind TEXT, year INTEGER, as_of TEXT,
    n INTEGER NOT NULL
  ) WITHOUT ROWID;
  -- The latest figures per document, by province and programme (the document facet).
  CREATE TABLE document_counts (
    key TEXT PRIMARY KEY,
    document_id INTEGER NOT NULL, province_key TEXT, place_key TEXT, program TEXT,
    n INTEGER NOT NULL
  ) WITHOUT ROWID;
  -- Writers count a document's figures in and out as they store or drop them (FACET_COUNT_STATEMENTS).
  -- A new version supersedes the old one (latest 1 -> 0), a restored one comes back (0 -> 1).
  CREATE TRIGGER documents_facets_latest AFTER UPDATE OF latest ON documents WHEN old.latest IS NOT new.latest BEGIN${countFacets(
    "count(*) * (CASE new.latest WHEN 1 THEN 1 ELSE -1 END)",
    'FROM figures f WHERE f.document_id = new.id',
  )}
  END;
  ${countFacets('count(*)', `FROM figures f WHERE ${LATEST('f')}`)}
  -- solieu check's look-up of one measure (check/stored.ts): equalities on the first five, the
  -- place tested on the index, and every column a verdict compares read from it, so a claim is
  -- compared with thousands of stored figures without reading their rows.
  CREATE INDEX figures_measure ON figures (metric, program, year, kind, unit, place_key, province_key, current_key,
    district_key, project, fund, capital, per, rate_kind, as_of, value, range_to, qualifier, text, document_id);
  -- Sorting the page by programme or by date walks these (value, province and metric have theirs).
  CREATE INDEX figures_program ON figures (program);
  CREATE INDEX figures_date ON figures (coalesce(as_of, year));
  -- The chart's province-wide totals: money figures for a whole province and programme (no
  -- district, project, fund, capital type or parent total), allocated or disbursed.
  CREATE INDEX figures_province_totals ON figures (program, province_key, year, metric, value)
    WHERE kind = 'money' AND metric IN ('allocated', 'disbursed') AND district IS NULL AND project IS NULL
      AND capital IS NULL AND fund IS NULL AND part_of IS NULL AND province_key IS NOT NULL AND year IS NOT NULL;
  `,
  /* 9: a province of today sorted by province as written */ `
  -- Today's province sorted by the province as written walks this in order and stops at the page,
  -- instead of sorting all of the province's figures; ties in id order. On place_key's expression,
  -- not the column, so that only that query (query.ts PLACE_SORTED) uses it: one value's entries
  -- here are not in id order, which every other place_key query relies on (figures_place).
  CREATE INDEX figures_place_province ON figures (coalesce(current_key, province_key), province_key);
  `,
  /* 10: figures_measure written at its end, not all over it */ `
  -- Ordered by value after the measure, each new figure went to a random page of this widest
  -- index (~40% of a figure insert's cost in the ingest bench). By document next, a new document's
  -- figures go at the end of their measure: the look-up, equalities on the first five and the rest
  -- tested on the index, reads and sorts the same entries. Only what the look-up reads is kept
  -- (check/stored.ts differsOf; whole rows are read by id), and only figures with a metric, the
  -- only ones it looks up this way.
  DROP INDEX figures_measure;
  CREATE INDEX figures_measure ON figures (metric, program, year, kind, unit, document_id, province_key, current_key, district_key,
    project, fund, capital, per, rate_kind, as_of, value) WHERE metric IS NOT NULL;
  `,
  /* 11: a cross-document key's figures read from its index */ `
  -- The audit of a key (findings.ts checkKeys, after every ingest) reads what it compares of each
  -- of the key's figures from here, not from ~700 rows on as many pages (store/figures.ts
  -- loadKeyMembers; a key of the bench's 1M store, from disk: 50 -> 7 ms). By document and id, as
  -- the check groups them; a new document's entries go at the end of their key, as before.
  DROP INDEX figures_cross;
  CREATE INDEX figures_cross ON figures (cross_key, document_id, id, value, fid, text, of) WHERE cross_key <> '';
  `,
];
