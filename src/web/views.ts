// The pages, as HTML built from escaped values only (see html.ts).
import { basename } from 'node:path';
import type { FigureRowOut } from '../store/figure-row.ts';
import { formatValue } from '../check/format.ts';
import { locatorText } from '../check/render.ts';
import type { CheckResult, Citation } from '../check/verdict.ts';
import { html, query, layout, type Safe } from './html.ts';
import { marked, termMarks, type Mark } from './highlight.ts';
import type { Facets, FacetValue } from './facets.ts';
import type { ListParams } from './params.ts';
import type { Passage, PassageFigure } from './passage.ts';

type Row = Pick<FigureRowOut, 'source' | 'version' | 'figure'>;

export const passageHref = (r: Row, q?: string) => `/passage${query({ source: r.source, version: r.version, fig: r.figure, q })}`;

const when = (r: { asOf: string | null; year: number | null }) => r.asOf ?? (r.year === null ? '' : String(r.year));
const place = (r: { district: string | null; province: string | null; current: string | null }) =>
  [r.district, r.province].filter(Boolean).join(', ') + (r.current && r.current !== r.province ? ` (now ${r.current})` : '');
const docName = (r: { title: string | null; source: string }) => r.title ?? basename(r.source);

/** Characters of a long quote shown either side of its figure in lists (the passage has it all). */
const QUOTE_CONTEXT = 160;

/** The quote with the figure's span (and any search words) marked; cut around the figure if long. */
function quoteOf(r: Pick<FigureRowOut, 'quote' | 'quoteStart' | 'start' | 'end'>, q?: string): Safe {
  const [fs, fe] = [r.start - r.quoteStart, r.end - r.quoteStart];
  const from = Math.max(0, fs - QUOTE_CONTEXT);
  const to = Math.min(r.quote.length, fe + QUOTE_CONTEXT);
  const text = r.quote.slice(from, to);
  const marks: Mark[] = [{ start: fs - from, end: fe - from, cls: 'figure' }, ...termMarks(text, q)];
  return html`${from > 0 ? '…' : ''}${marked(text, marks)}${to < r.quote.length ? '…' : ''}`;
}

function searchForms(p: Partial<ListParams>, facets: Facets, claim = ''): Safe {
  const select = (name: string, label: string, values: FacetValue[], current: string | number | undefined) => html`
    <label>${label}<select name="${name}" data-autosubmit>
      <option value="">any</option>
      ${values.map((v) => html`<option value="${v.value}"${v.value === String(current ?? '') ? html` selected` : ''}>${v.label} (${v.count})</option>`)}
    </select></label>`;
  return html`<section class="forms">
  <form method="get" action="/" class="search" role="search">
    <label class="wide">Search the passages <input type="search" name="q" value="${p.q ?? ''}" placeholder="giải ngân Điện Biên (diacritics optional)" autofocus></label>
    <div class="facets">
      ${select('province', 'Province (as written)', facets.province, p.province)}
      ${select('current', 'Province (since 2025)', facets.current, p.current)}
      ${select('program', 'Programme', facets.program, p.program)}
      ${select('project', 'Project', facets.project, p.project)}
      ${select('metric', 'Metric', facets.metric, p.metric)}
      ${select('year', 'Year', facets.year, p.year)}
      ${select('doc', 'Document', facets.document, p.doc)}
    </div>
    <p class="counts" id="facet-counts">In brackets: figures that match the other choices (documents: by province and programme only)${facets.uncounted.length ? `, not narrowed by the ${facets.uncounted.join(', ')}` : ''}.</p>
    <button type="submit">Search</button> <a href="/">clear</a>
  </form>
  <form method="get" action="/check" class="claim">
    <label class="wide">Check a claim <textarea name="claim" rows="2" placeholder="Điện Biên đã giải ngân hơn 275 tỷ đồng vốn 1719">${claim}</textarea></label>
    <button type="submit">Check</button>
  </form>
</section>`;
}

const COLUMNS: [ListParams['sort'] | null, string][] = [
  [null, 'figure'],
  ['value', 'value'],
  ['metric', 'metric'],
  ['program', 'programme'],
  [null, 'project'],
  ['province', 'place'],
  ['date', 'when'],
  [null, 'passage'],
];

export function listPage(p: ListParams, rows: FigureRowOut[], hasNext: boolean, facets: Facets, chart: Safe | null): Safe {
  const keep = { ...p, page: undefined as number | undefined } as Record<string, string | number | undefined>;
  const link = (changes: Record<string, string | number | undefined>) => `/${query({ ...keep, ...changes })}`;
  const from = (p.page - 1) * p.size;
  const head = COLUMNS.map(([sort, label]) => {
    if (!sort) return html`<th>${label}</th>`;
    const active = p.sort === sort;
    const dir = active && p.dir === 'asc' ? 'desc' : 'asc';
    return html`<th><a href="${link({ sort, dir, page: 1 })}" class="${active ? `sorted ${p.dir}` : ''}">${label}</a></th>`;
  });
  const body = rows.map(
    (r) => html`<tr>
      <td class="fig">${r.text}</td>
      <td class="num">${formatValue(r.value, r.unit)}${r.qualifier !== 'exact' ? html` <small>(${r.qualifier})</small>` : ''}</td>
      <td>${r.metric ?? ''}${r.rateKind ? html` <small>${r.rateKind}</small>` : ''}</td>
      <td>${r.program ?? ''}</td>
      <td>${r.project ?? ''}</td>
      <td>${place(r)}</td>
      <td>${when(r)}</td>
      <td class="quote"><a href="${passageHref(r, p.q)}" class="open">${docName(r)}</a><div>${quoteOf(r, p.q)}</div></td>
    </tr>`,
  );
  const shown = rows.length ? `figures ${from + 1}–${from + rows.length}` : 'no figures match';
  const exports = query({ ...keep, page: p.page === 1 ? undefined : p.page });
  return layout(
    p.q ? `search: ${p.q}` : 'figures',
    html`${searchForms(p, facets)}
${chart ? html`<details class="chart-box" open><summary>Chart</summary>${chart}</details>` : ''}
<section class="results">
  <p class="paging"><span id="shown">${shown}</span>
    ${p.page > 1 ? html`<a href="${link({ page: p.page - 1 })}" rel="prev">← previous</a>` : ''}
    ${hasNext ? html`<a href="${link({ page: p.page + 1 })}" rel="next">next →</a>` : ''}
    · download what is shown: <a href="/figures.csv${exports}" download="figures.csv" id="csv">CSV</a> <a href="/figures.json${exports}" download="figures.json" id="json">JSON</a>
  </p>
  <table class="figures"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>
</section>`,
  );
}

const VERDICT_LABEL = { supported: 'Supported', contradicted: 'Contradicted', not_found: 'Not found' } as const;

function citationItem(c: Citation): Safe {
  const loc = c.locator ? locatorText(c.locator) : null;
  return html`<li class="citation ${c.relation}">
    <span class="badge">${c.relation.replace('_', ' ')}</span>${c.differs.length ? html` <small>(differs in ${c.differs.join(', ')})</small>` : ''}
    <strong>${c.text}</strong> = ${formatValue(c.value, c.unit)}${when(c) ? ` for ${when(c)}` : ''} — ${place(c)}
    <div class="quote">${quoteOf(c)}</div>
    <div class="where"><a href="${passageHref(c)}" class="open">${docName(c)}</a> · ${basename(c.source)} v${c.version} · characters ${c.quoteStart}–${c.quoteEnd}${loc ? ` · ${loc}` : ''}</div>
    ${c.findings.length ? html`<ul class="findings">${c.findings.map((n) => html`<li>audit #${n.id} [${n.rule}] ${n.message}</li>`)}</ul>` : ''}
  </li>`;
}

export function checkPage(r: CheckResult, facets: Facets): Safe {
  const figures = r.figures.map(
    (f) => html`<article class="verdict ${f.verdict}">
    <h2><span class="badge">${VERDICT_LABEL[f.verdict]}</span> ${f.claimed.text} <small>(${f.claimed.qualifier}${[f.claimed.metric, f.claimed.program, f.claimed.project, f.claimed.capital, f.claimed.province, f.claimed.asOf ?? f.claimed.year].filter((x) => x !== null).map((x) => ` · ${x}`)})</small></h2>
    <p class="summary">${f.summary}</p>
    <ol class="citations">${f.citations.map(citationItem)}</ol>
  </article>`,
  );
  return layout(
    `check: ${r.claim}`,
    html`${searchForms({}, facets, r.claim)}
<section class="check" id="check-result" data-verdict="${r.verdict}">
  <p>Read as: <q>${r.read}</q> — overall <strong class="overall">${VERDICT_LABEL[r.verdict]}</strong></p>
  ${r.figures.length ? figures : html`<p>The claim states no figure solieu can read (say the amount with its unit, e.g. “275 tỷ đồng”).</p>`}
</section>`,
  );
}

function figureLine(f: PassageFigure, relation?: string): Safe {
  return html`<li>${relation ? html`<em>${relation}</em> ` : ''}<a href="${passageHref(f)}">${f.text}</a> = ${formatValue(f.value, f.unit)} ${f.metric ?? ''} ${f.rateKind ?? ''} <small>${f.figure}</small></li>`;
}

export function passagePage(p: Passage, q?: string): Safe {
  const f = p.figure;
  const marks: Mark[] = [
    { start: f.quoteStart, end: f.quoteEnd, cls: 'sentence' },
    { start: f.start, end: f.end, cls: 'figure' },
    ...termMarks(p.window.text, q).map((m) => ({ ...m, start: m.start + p.window.start, end: m.end + p.window.start })),
  ];
  const loc = f.locator ? locatorText(f.locator) : 'plain text (no page or paragraph numbers)';
  return layout(
    `${f.text} in ${docName(f)}`,
    html`<p><a href="/">← figures</a></p>
<article class="passage">
  <h1>${docName(f)}</h1>
  <dl class="meta">
    <dt>source</dt><dd>${f.source} (version ${f.version}${p.document.latest ? '' : ', superseded'}, ${p.document.format})</dd>
    ${f.published ? html`<dt>published</dt><dd>${f.published}</dd>` : ''}
    <dt>figure</dt><dd><strong>${f.text}</strong> = ${formatValue(f.value, f.unit)} (${f.qualifier}) · ${f.metric ?? 'no metric'} · ${f.program ?? 'no programme'}${f.project ? ` · ${f.project}` : ''}${f.fund ? ` · ${f.fund}` : ''}${f.capital ? ` · ${f.capital}` : ''} · ${place(f)} · ${when(f)}</dd>
    <dt>where</dt><dd id="locator">${loc}; characters ${f.quoteStart}–${f.quoteEnd} of the text</dd>
  </dl>
  <nav class="neighbours">
    ${p.previous ? html`<a href="${passageHref(p.previous, q)}" rel="prev">← previous passage</a>` : ''}
    ${p.next ? html`<a href="${passageHref(p.next, q)}" rel="next">next passage →</a>` : ''}
  </nav>
  <pre class="text" id="passage-text">${p.window.start > 0 ? '… ' : ''}${marked(p.window.text, marks, p.window.start)}${p.window.end < p.document.length ? ' …' : ''}</pre>
  ${p.linked.length ? html`<h2>Linked figures</h2><ul class="linked">${p.linked.map((l) => figureLine(l.figure, l.relation))}</ul>` : ''}
  ${p.sameSentence.length ? html`<h2>Other figures in this sentence</h2><ul>${p.sameSentence.map((x) => figureLine(x))}</ul>` : ''}
  <h2>Audit findings</h2>
  ${p.findings.length
    ? html`<ul class="findings">${p.findings.map((n) => html`<li>#${n.id} [${n.rule}] ${n.message}<ul>${n.figures.map((x) => html`<li>${x.role}: <a href="${passageHref(x)}">${x.text}</a> <small>${basename(x.source)}</small></li>`)}</ul></li>`)}</ul>`
    : html`<p>none on this figure</p>`}
</article>`,
  );
}

export function errorPage(status: number, message: string): Safe {
  return layout(`error ${status}`, html`<p><a href="/">← figures</a></p><p class="error">${message}</p>`);
}
