// What every pass works on: the document's text in both forms, its frame (sentences, headings,
// footnotes, mentions, places, document facts) and the items the passes fill in. Built once per
// document, before the passes run.
import type { ParsedDocument } from '../contract/parsed.ts';
import type { Figure } from '../contract/schema.ts';
import { lexicons, compiled, L, type Lexicons } from '../patterns/lexicons.ts';
import { fold, foldPhrase, toOriginal, toFolded, type Folded } from '../text/fold.ts';
import { sentenceSpans, type Span } from '../text/sentences.ts';
import { spanIndexAt } from '../text/search.ts';
import { findHeadings, findFootnotes, footnoteAt, headingIndex, type Footnote } from '../text/structure.ts';
import { numberStyle } from './numbers.ts';
import { findCandidates, type Candidate } from './candidates.ts';
import { findMentions } from './mentions.ts';
import { findPlaceMatches, findUnlistedDistricts, resolvePlaces, type PlaceMention } from './places.ts';
import { scanHits } from './hits.ts';
import type { LedHits } from '../text/led-scan.ts';
import { mostNamedYear, bracketExits, type DocContext } from './context.ts';
import { tableCandidates } from './table-cells.ts';
import { documentFacts, type DocumentFacts } from './document-facts.ts';
import type { Item } from './item.ts';
import { findProvince } from '../patterns/places.ts';

export interface DocState {
  parsed: ParsedDocument;
  text: string;
  folded: Folded;
  /** The folded text every item offset points into. */
  ft: string;
  /** Original offset -> folded offset. */
  inv: (pos: number) => number;
  lex: Lexicons;
  /** The one-pass scan of the text's phrase regexes (extract/hits.ts). */
  hits: LedHits;
  facts: DocumentFacts;
  ctx: DocContext;
  /** A place in the spelling the document uses. */
  spell: (loc: Figure['location']) => Figure['location'];
  items: Item[];
}

/** "carried over from year A to year B": the words between the two years. */
const carriedFromRe = (lex: Lexicons) => new RegExp(`^\\s*(?:${lex.carriedFromAlt})\\s*$`);
const carriedIntoRe = (lex: Lexicons) => new RegExp(`\\s*(?:${lex.carriedFromAlt})(?![${L}])`, 'y');

export function buildState(parsed: ParsedDocument): DocState {
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
  const capitalAt = (fs: number) => {
    const c = text[toOriginal(folded, fs, fs + 1)[0]];
    return c !== c.toLowerCase();
  };
  const hits = scanHits(ft, lex);
  const placeMatches = findPlaceMatches(ft, hits, capitalAt);
  const facts = documentFacts(parsed, text, ft, inv, lex, placeMatches);
  const mentions = findMentions(ft, lex, hits, facts.published);
  const allMatches = [...placeMatches, ...findUnlistedDistricts(text, inv, placeMatches)].sort((a, b) => a.fs - b.fs);
  const places = resolvePlaces(allMatches, facts.home?.province ?? null, facts.home?.current ?? null).map((p) => ({ fs: p.fs, fe: p.fe, value: asWritten(p, text, folded) }));

  const candidates = findCandidates(ft, lex, numberStyle(ft), capitalAt);
  // A loop, not push(...spread): a table of 200k cells must not overflow the call stack.
  for (const c of tableCandidates(parsed.blocks, inv, ft, lex, candidates)) candidates.push(c);
  candidates.sort((a, b) => a.fs - b.fs);

  const ctx: DocContext = {
    ft,
    mentions,
    places,
    headingsAt: headingIndex(headings, facts.titleHeading),
    isNews: headings.length === 0,
    leadEnd: leadEnd(ft),
    lineBreaks: offsetsOf(ft, '\n'),
    semicolons: offsetsOf(ft, ';'),
    bracketExit: bracketExits(ft),
    otherSchemeIn: memoBySentence((ss, se) => lex.otherSchemeRe.test(ft.slice(ss, se))),
    combinedBefore: lex.combinedBeforeRe,
    onlyProgram: new Set(mentions.programs.map((m) => m.value)).size === 1,
    home: facts.home,
    homeWhy: facts.homeWhy,
    published: facts.published,
    namedYear: mostNamedYear(mentions.years),
    carriedFrom: compiled(lex, carriedFromRe),
    carriedInto: compiled(lex, carriedIntoRe),
  };
  return { parsed, text, folded, ft, inv, lex, hits, facts, ctx, spell: spelling(places), items: frame(candidates, sentences, footnotes) };
}

/** Every offset of a character, in order. */
function offsetsOf(ft: string, ch: string): number[] {
  const at: number[] = [];
  for (let i = ft.indexOf(ch); i >= 0; i = ft.indexOf(ch, i + 1)) at.push(i);
  return at;
}

/** A test of a sentence, run once per sentence (its figures ask in turn). */
function memoBySentence(test: (ss: number, se: number) => boolean): (ss: number, se: number) => boolean {
  const seen = new Map<number, boolean>();
  return (ss, se) => {
    let v = seen.get(ss);
    if (v === undefined) seen.set(ss, (v = test(ss, se)));
    return v;
  };
}

/** The end of the second non-empty line: a news text's title and its lead paragraph. */
function leadEnd(ft: string): number {
  let lines = 0;
  for (const m of ft.matchAll(/[^\n]*\S[^\n]*/g)) if (++lines === 2) return m.index + m[0].length;
  return ft.length;
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
      // Every field present from the start: one object shape for every item's reasons (fast to set and read).
      why: { metric: undefined, rateKind: undefined, rateOf: undefined, partOf: undefined, program: undefined, project: undefined, fund: undefined, capital: undefined, location: undefined, asOf: undefined, year: undefined },
    });
  }
  return items;
}

/**
 * Places in the spelling the document uses: a district's province comes from the gazetteer, and the
 * source may write it "Thanh Hoá" where the gazetteer has "Thanh Hóa".
 */
function spelling(places: readonly { value: PlaceMention }[]): (loc: Figure['location']) => Figure['location'] {
  const written = new Map<string, string>();
  for (const { value: p } of places) {
    const name = p.district ?? p.province;
    // Keyed by the gazetteer's name, so a province written by its former name is found from either.
    const key = foldPhrase(p.district === null ? (findProvince(name)?.name ?? name) : name);
    if (!written.has(key)) written.set(key, name);
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
  // A former official name the gazetteer lists as an alias ("Thừa Thiên Huế" for Huế) is the name as written.
  if (p.district === null && /\s/.test(written) && findProvince(p.province)?.aliases?.some((a) => foldPhrase(a) === foldPhrase(written))) return { ...p, province: written };
  if (p.district !== null && written !== p.district && foldPhrase(written) === foldPhrase(p.district)) return { ...p, district: written };
  return p;
}
