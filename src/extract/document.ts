// Parsed document -> the contract's figures. Pure: text and structure in, figures out.
// Passes: fold -> candidates -> sentence/heading/footnote frame -> cues -> links -> context.
import type { ExtractOutput, Figure } from '../contract/schema.ts';
import type { ParsedDocument, Block } from '../contract/parsed.ts';
import { lexicons, compiled, wordRegex, alternation, matchAt, L, type Lexicons } from '../patterns/lexicons.ts';
import { fold, foldPhrase, toOriginal, toFolded, type Folded } from '../text/fold.ts';
import { sentenceSpans, type Span } from '../text/sentences.ts';
import { lastAtOrBefore, spanIndexAt } from '../text/search.ts';
import { findHeadings, findFootnotes, footnoteAt, headingIndex, type Footnote } from '../text/structure.ts';
import { numberStyle } from './numbers.ts';
import { findCandidates, type Candidate } from './candidates.ts';
import { findMentions, projectLabel } from './mentions.ts';
import { findPlaceMatches, findUnlistedDistricts, resolvePlaces, type PlaceMention } from './places.ts';
import { cueWindow, metricIn, lastCue, cueAfter, isChange } from './cues.ts';
import { linkParts, linkRates, linkSubProjects, referent } from './links.ts';
import { programOf, projectOf, locationOf, datesOf, headingMetric, mostNamedYear, type DocContext } from './context.ts';
import { tableCandidates } from './table-cells.ts';
import { documentFacts } from './document-facts.ts';
import type { Item } from './item.ts';

export function extractDocument(parsed: ParsedDocument, sha256: string): ExtractOutput {
  const { figures, title, published } = extractFigures(parsed);
  return {
    document: { sha256, format: parsed.format, title, published, text: parsed.text },
    figures,
  };
}

export function extractFigures(parsed: ParsedDocument): { figures: Figure[]; title: string | null; published: string | null } {
  const lex = lexicons();
  const text = parsed.text;
  const folded = fold(text);
  const ft = folded.text;
  const inv = toFolded(folded, text.length);
  const toF = (s: Span) => ({ start: inv(s.start), end: inv(s.end) });

  const sentences = sentenceSpans(text, lex.abbreviations).map(toF);
  const headings = findHeadings(text, parsed.blocks, lex).map((h) => ({ ...toF(h), level: h.level }));
  const footnotes: Footnote[] = findFootnotes(text, parsed.blocks).map((f) => ({
    ...f,
    start: inv(f.start),
    end: inv(f.end),
    refAt: f.refAt === null ? null : inv(f.refAt),
  }));
  const placeMatches = findPlaceMatches(ft, (fs) => {
    const c = text[toOriginal(folded, fs, fs + 1)[0]];
    return c !== c.toLowerCase();
  });
  const facts = documentFacts(parsed, text, ft, inv, lex, placeMatches);
  const mentions = findMentions(ft, lex);
  const allMatches = [...placeMatches, ...findUnlistedDistricts(text, inv, placeMatches)].sort((a, b) => a.fs - b.fs);
  const places = resolvePlaces(allMatches, facts.home?.province ?? null, facts.home?.current ?? null).map((p) => ({ fs: p.fs, fe: p.fe, value: asWritten(p, text, folded) }));

  const candidates = [...findCandidates(ft, lex, numberStyle(ft))];
  // One push per candidate: spreading a 200k-row table's candidates overflows the stack.
  for (const c of tableCandidates(parsed.blocks, inv, ft, lex, candidates)) candidates.push(c);
  candidates.sort((a, b) => a.fs - b.fs);

  const items = frame(candidates, sentences, footnotes);
  settleSlips(items, ft);
  readCues(items, ft, lex);
  linkParts(items, ft, lex);
  inheritAmounts(items);
  linkRates(items, ft, compiled(lex, rateVerbRe));
  const headingsAt = headingIndex(headings, facts.titleHeading);
  const ctx: DocContext = { ft, mentions, places, headingsAt, isNews: headings.length === 0, home: facts.home, published: facts.published, namedYear: mostNamedYear(mentions.years), carriedFrom: compiled(lex, carriedFromRe), carriedInto: compiled(lex, carriedIntoRe) };
  const spell = spelling(places);
  for (const it of items) {
    if (it.c.kind === 'money' && it.metric === null) it.metric = headingMetric(ctx, it, (h) => metricIn(h, lex)) ?? 'other';
    it.program = programOf(ctx, it);
    it.project = projectOf(ctx, it);
    it.location = spell(locationOf(ctx, it));
    Object.assign(it, datesOf(ctx, it));
  }
  inheritFootnotes(items);
  linkSubProjects(items, ft, lex);
  classifyRates(items, ft, lex);
  tableContext(items, parsed.blocks, inv, lex, facts.home);

  const blocks = [...parsed.blocks].sort((a, b) => a.start - b.start);
  const figures = items.map((it) => toFigure(it, folded, text, blocks));
  return { figures, title: facts.title, published: facts.published };
}

/**
 * Places in the spelling the document uses: a district's province comes from the gazetteer, and the
 * source may write it "Thanh Hoá" where the gazetteer has "Thanh Hóa".
 */
function spelling(places: readonly { value: PlaceMention }[]): (loc: Figure['location']) => Figure['location'] {
  const written = new Map<string, string>();
  for (const { value: p } of places) {
    const name = p.district ?? p.province;
    if (!written.has(foldPhrase(name))) written.set(foldPhrase(name), name);
  }
  // Figures repeat a handful of names: fold each once.
  const seen = new Map<string, string>();
  const as = (name: string) => {
    let w = seen.get(name);
    if (w === undefined) seen.set(name, (w = written.get(foldPhrase(name)) ?? name));
    return w;
  };
  return (loc) => (loc ? { ...loc, province: as(loc.province), district: loc.district === null ? null : as(loc.district) } : loc);
}

/** A place keeps the spelling of the source when it differs only in tone placement ("Hoà Bình"). */
function asWritten(p: PlaceMention, text: string, folded: Folded): PlaceMention {
  const [a, b] = toOriginal(folded, p.nameFs, p.fe);
  const written = text.slice(a, b).normalize('NFC');
  if (written === written.toUpperCase()) return p; // "HÀ GIANG" in a heading: keep the official spelling
  if (p.district === null && written !== p.province && foldPhrase(written) === foldPhrase(p.province)) return { ...p, province: written };
  if (p.district !== null && written !== p.district && foldPhrase(written) === foldPhrase(p.district)) return { ...p, district: written };
  return p;
}

/**
 * "8.420 triệu đồng, 12,350 triệu đồng và 14.615 triệu đồng": in a list of amounts grouped with
 * '.', an amount written "12,350" is a slipped thousands mark, whatever the document's habit.
 */
function settleSlips(items: Item[], ft: string): void {
  const grouped = (o: Item | undefined, it: Item) =>
    o !== undefined && o.ss === it.ss && o.c.kind === it.c.kind && o.c.alt === null && Math.abs(o.c.fs - it.c.fs) < 120 && /^\d{1,3}(?:\.\d{3})+(?!,)/.test(ft.slice(o.c.fs, o.c.fe));
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    if (it.c.alt === null) continue;
    // Neighbours in the list: the amounts just before and after it.
    if ([items[k - 2], items[k - 1], items[k + 1], items[k + 2]].some((o) => grouped(o, it))) it.c = { ...it.c, value: it.c.alt, alt: null, confidence: 0.6, decimals: 0 };
  }
}

/** Each candidate with its sentence (clipped to its footnote body) and where its own words start. */
function frame(candidates: Candidate[], sentences: { start: number; end: number }[], footnotes: Footnote[]): Item[] {
  const items: Item[] = [];
  for (const c of candidates) {
    const si = spanIndexAt(sentences, c.fs);
    let ss = si >= 0 ? sentences[si].start : c.fs;
    let se = si >= 0 ? sentences[si].end : c.fe;
    const foot = footnoteAt(footnotes, c.fs);
    if (foot) {
      ss = Math.max(ss, foot.start);
      se = Math.min(se, foot.end);
    }
    const prev = items[items.length - 1];
    const ws = prev && prev.ss === ss ? Math.max(ss, prev.c.fe) : ss;
    items.push({
      c,
      index: items.length + 1,
      ss,
      se: Math.max(se, c.fe),
      ws,
      ctx: foot?.refAt ?? c.fs,
      footnote: foot,
      metric: null,
      metricCue: null,
      fund: null,
      fundCue: null,
      capital: null,
      rateKind: null,
      rateOf: null,
      partOf: null,
      program: null,
      project: null,
      location: null,
      asOf: null,
      year: null,
    });
  }
  return items;
}

/** Cues come from the figure's own clause: after the previous figure and after the last ';'. */
function readCues(items: Item[], ft: string, lex: Lexicons): void {
  const { planAfter } = compiled(lex, rateWords);
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    // An amount's words run back past counts inside its noun phrase ("… thực hiện 03 chương trình
    // … năm 2024 là 2.846.372 triệu đồng") to the previous amount or rate.
    let ws = it.ws;
    if (it.c.kind !== 'quantity') {
      let j = k - 1;
      while (j >= 0 && items[j].ss === it.ss && items[j].c.kind === 'quantity') j--;
      ws = j >= 0 && items[j].ss === it.ss ? items[j].c.fe : it.ss;
    }
    let from = Math.max(ws, it.ss + ft.slice(it.ss, it.c.fs).lastIndexOf(';') + 1);
    // "đạt 87,16% kế hoạch (ĐTPT 91.245 …": the plan words after a rate belong to the rate.
    const prev = items[k - 1];
    if (prev && prev.c.kind === 'percent' && prev.c.fe >= from && matchAt(planAfter, ft, prev.c.fe)) from = Math.min(it.c.fs, planAfter.lastIndex);
    const w = cueWindow(ft, from, it.c.fs);
    // "…giải ngân thấp như: Dự án 8: Kế hoạch giao 42.862": the words after the last ':' speak first.
    const colon = w.lastIndexOf(':') + 1;
    it.metricCue = (colon > 0 ? metricIn(w.slice(colon), lex) : null) ?? metricIn(w, lex) ?? metricAfter(ft, it.c.fe, lex);
    // "5 triệu ngân sách trung ương, 01 triệu ngân sách địa phương": a source named right after wins.
    it.fundCue = cueAfter(lex.fundRe, lex.fundOf, ft, it.c.fe, lex) ?? lastCue(lex.fundRe, lex.fundOf, w);
    it.capital = cueAfter(lex.capitalRe, lex.capitalOf, ft, it.c.fe, lex) ?? lastCue(lex.capitalRe, lex.capitalOf, w);
  }
}

/** A metric named right after the amount ("6,9 tỷ đồng đề nghị kéo dài sang năm 2024"). */
function metricAfter(ft: string, at: number, lex: Lexicons): Item['metricCue'] {
  const m = matchAt(lex.metricAfterRe, ft, at);
  return m ? (lex.metricAfterOf.get(m[1]) ?? null) : null;
}

const byIndex = (items: Item[], index: number | null): Item | null => (index === null ? null : items[index - 1] ?? null);

/** Metric and fund of amounts: own words, else the total they belong to, else the amount before. */
function inheritAmounts(items: Item[]): void {
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    if (it.c.kind !== 'money') continue;
    const parent = byIndex(items, it.partOf);
    const before = previousMoney(items, k);
    // A per-unit amount ("1.600 triệu đồng/km", "suất đầu tư … /km") is a support rate, unless
    // its words make it a loan or an income.
    const perUnit = it.c.perSpan !== null && it.metricCue !== 'loan' && it.metricCue !== 'other';
    it.metric = perUnit ? 'support_rate' : (it.metricCue ?? parent?.metric ?? before?.metric ?? null);
    // Loans come from credit, outside the budget, unless a budget is named. (Mobilized totals
    // "huy động các nguồn lực" count the budget too: they keep no fund.)
    it.fund = it.fundCue ?? parent?.fund ?? (it.metric === 'loan' ? 'other' : null);
    it.capital ??= parent?.capital ?? null;
    // "Kế hoạch vốn NSTW giao …; giải ngân …": the amount after speaks of the same fund.
    if (!it.fund && it.partOf === null && before && before.partOf === null && before.fundCue) it.fund = before.fund;
  }
}

function previousMoney(items: Item[], k: number): Item | null {
  for (let j = k - 1; j >= 0; j--) {
    const p = items[j];
    if (p.ss !== items[k].ss) return null;
    if (p.c.kind === 'money') return p;
  }
  return null;
}

/** Figures in a footnote body take what they lack from the figure the footnote explains. */
function inheritFootnotes(items: Item[]): void {
  for (const it of items) {
    if (!it.footnote || it.footnote.refAt === null) continue;
    const r = referent(items, it.footnote.refAt, it.c.kind);
    const ref = r >= 0 ? items[r] : null;
    if (!ref) continue;
    if (it.c.kind === 'money') {
      if (!it.metricCue) it.metric = ref.metric;
      it.fund ??= ref.fund;
    }
    it.program ??= ref.program;
    it.project ??= ref.project;
    if (it.year === null && it.asOf === null) {
      it.year = ref.year;
      it.asOf = ref.asOf;
    }
  }
}

const rateVerbRe = (lex: Lexicons) => wordRegex(lex.raw.metrics.rateVerbs, '');

const rateWords = (lex: Lexicons) => ({
  planAfter: new RegExp(`\\s*(?:(?:${alternation(lex.raw.metrics.planPrefix)})\\s+)?(?:${alternation(lex.raw.metrics.rateKinds.plan_progress ?? [])})(?![${L}])`, 'y'),
  poverty: wordRegex(lex.raw.metrics.rateKinds.poverty ?? [], ''),
  share: wordRegex(lex.raw.metrics.rateKinds.share ?? [], ''),
  shareAfter: new RegExp(`\\s*(?:${alternation(lex.raw.metrics.shareAfter)})(?![${L}])`, 'y'),
  countShare: new RegExp(`^[^\\d;.]{0,40}?[,(]\\s*(?:${alternation(lex.raw.metrics.shareOfCount)})\\s*$`),
});

/** "carried over from year A to year B": the words between the two years. */
const carriedFromRe = (lex: Lexicons) => new RegExp(`^\\s*(?:${lex.carriedFromAlt})\\s*$`);
const carriedIntoRe = (lex: Lexicons) => new RegExp(`\\s*(?:${lex.carriedFromAlt})(?![${L}])`, 'y');

function classifyRates(items: Item[], ft: string, lex: Lexicons): void {
  const { planAfter, poverty, share, shareAfter, countShare } = compiled(lex, rateWords);
  for (const it of items) {
    if (it.c.kind !== 'percent') continue;
    const target = byIndex(items, it.rateOf);
    const window = ft.slice(it.ws, it.c.fs);
    const planNext = matchAt(planAfter, ft, it.c.fe) !== null;
    it.metric = target?.metric ?? it.metricCue ?? null;
    it.fund = target?.fund ?? null;
    it.capital = target ? target.capital : it.capital;
    // A rate speaks of what its amount speaks of.
    if (target) {
      it.program = target.program ?? it.program;
      it.project = target.project ?? it.project;
      it.location = target.location ?? it.location;
    }
    const prev = byIndex(items, it.index - 1);
    const before = ft.slice(it.ss, it.c.fs);
    const clause = before.slice(before.lastIndexOf(';') + 1);
    if (isChange(window, lex)) it.rateKind = 'change';
    // "77/115 xã … (đạt 66,95%)": the share a ratio makes.
    else if (prev && prev.ss === it.ss && prev.c.of !== null && !target) it.rateKind = 'share';
    else if (target?.metric === 'disbursed' || (!target && it.metricCue === 'disbursed')) it.rateKind = 'disbursement';
    else if (planNext || target) it.rateKind = 'plan_progress';
    else if (matchAt(shareAfter, ft, it.c.fe)) it.rateKind = 'share';
    else if (poverty.test(clause)) it.rateKind = 'poverty';
    else if (prev && prev.ss === it.ss && prev.c.kind === 'quantity' && countShare.test(ft.slice(prev.c.fe, it.c.fs))) it.rateKind = 'share';
    else if (share.test(clause)) it.rateKind = 'share';
    else it.rateKind = 'other';
  }
}

/** Table cells: the row label and column header say what a cell's figure is. */
function tableContext(items: Item[], blocks: readonly Block[], inv: (pos: number) => number, lex: Lexicons, home: Figure['location']): void {
  const cells = blocks.filter((b) => b.kind === 'table-cell').map((b) => ({ b, fs: inv(b.start), fe: inv(b.end) }));
  if (!cells.length) return;
  cells.sort((a, b) => a.fs - b.fs);
  const inRow = new Map<string, Item[]>();
  for (const it of items) {
    const cell = cellAt(cells, it.c.fs);
    if (!cell) continue;
    const header = foldPhrase(cell.colHeader ?? '');
    const row = foldPhrase(cell.rowLabel ?? '');
    if (it.c.kind !== 'quantity') {
      it.metric = metricIn(header, lex) ?? metricIn(row, lex) ?? it.metric;
      it.fund = lastCue(lex.fundRe, lex.fundOf, header) ?? it.fund;
      it.capital = lastCue(lex.capitalRe, lex.capitalOf, header) ?? it.capital;
    }
    const year = /(?:19|20)\d{2}/.exec(header);
    if (year) it.year = Number(year[0]);
    const proj = findMentions(row, lex).projects[0];
    if (proj) it.project = projectLabel(proj.value) ?? it.project;
    const place = resolvePlaces(findPlaceMatches(row), home?.province ?? null, home?.current ?? null)[0];
    if (place) it.location = { province: place.province, district: place.district, current: place.current };
    const key = `${cell.locator.table}:${cell.locator.row}`;
    inRow.set(key, [...(inRow.get(key) ?? []), it]);
  }
  // "Tỷ lệ giải ngân (%)" beside "Giải ngân (triệu đồng)" in the same row: the rate of that amount.
  for (const row of inRow.values()) {
    for (const it of row) {
      if (it.c.kind !== 'percent' || it.rateOf !== null) continue;
      const amount = row.find((o) => o.c.kind === 'money' && o.metric === it.metric && it.metric !== null);
      if (!amount) continue;
      it.rateOf = amount.index;
      it.rateKind = amount.metric === 'disbursed' ? 'disbursement' : 'plan_progress';
    }
  }
}

function cellAt(cells: { b: Block; fs: number; fe: number }[], pos: number): Block | null {
  const c = cells[lastAtOrBefore(cells, pos, (x) => x.fs)];
  return c && pos < c.fe ? c.b : null;
}

function toFigure(it: Item, folded: Folded, text: string, blocks: Block[]): Figure {
  const [start, end] = toOriginal(folded, it.c.fs, it.c.fe);
  const [ss, se] = toOriginal(folded, it.ss, it.se);
  return {
    id: `f${it.index}`,
    kind: it.c.kind,
    text: text.slice(start, end),
    start,
    end,
    value: it.c.value,
    unit: it.c.unit,
    per: it.c.perSpan ? perText(text, folded, it.c.perSpan) : null,
    of: it.c.of,
    rangeTo: it.c.rangeTo,
    qualifier: it.c.qualifier,
    metric: it.c.kind === 'quantity' ? null : it.metric,
    rateKind: it.c.kind === 'percent' ? it.rateKind : null,
    rateOf: it.rateOf === null ? null : `f${it.rateOf}`,
    partOf: it.partOf === null ? null : `f${it.partOf}`,
    program: it.program,
    project: it.project,
    fund: it.c.kind === 'quantity' ? null : it.fund,
    capital: it.c.kind === 'quantity' ? null : it.capital,
    location: it.location,
    asOf: it.asOf,
    year: it.year,
    sentence: { start: ss, end: Math.max(se, end) },
    confidence: it.c.confidence,
    locator: blockAt(blocks, start)?.locator ?? null,
  };
}

/** "/người/ngày" as written -> "người/ngày" (lower case, no spaces around '/'). */
function perText(text: string, folded: Folded, span: [number, number]): string {
  const [a, b] = toOriginal(folded, span[0], span[1]);
  return text.slice(a, b).replace(/\s*\/\s*/g, '/').replace(/^\//, '').trim().toLowerCase();
}

function blockAt(blocks: Block[], pos: number): Block | null {
  const found = blocks[lastAtOrBefore(blocks, pos, (b) => b.start)];
  return found && pos < found.end ? found : null;
}

