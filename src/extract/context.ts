// Programme, project, place and date of a figure: from its own sentence first, then the headings
// above it, then the document's title and subject. All positions are in folded text.
import { foldPhrase } from '../text/fold.ts';
import { countBelow } from '../text/search.ts';
import { testAt } from '../patterns/lexicons.ts';
import type { Figure } from '../contract/schema.ts';
import type { Heading } from '../text/structure.ts';

import type { PlaceMention } from './places.ts';
import { allIn, countBefore, firstIn, lastIn, mostFrequent, projectLabel, type Mention, type Mentions, type ProjectRef, type YearMention } from './mentions.ts';
import type { Cue, Item } from './item.ts';

export interface DocContext {
  ft: string;
  mentions: Mentions;
  places: Mention<PlaceMention>[];
  /** Headings in force at a position, innermost first, the title outermost (see headingIndex). */
  headingsAt: (pos: number) => readonly Heading[];
  /** A text without headings (news): programmes and years carry over from earlier sentences. */
  isNews: boolean;
  /** Words joining a programme to money outside the programmes (programs.json combinedWith). */
  combinedBefore: RegExp;
  /** Does the text name one programme only (a news article about it)? */
  onlyProgram: boolean;
  /** Offsets of the text's '\n's, in order. */
  lineBreaks: number[];
  /** Offsets of the text's ';'s, in order (clauses found by search, not by scanning a sentence per figure). */
  semicolons: number[];
  /** bracketExits(ft): where the bracket holding each position closes. */
  bracketExit: BracketExits;
  /** Does the sentence starting at a folded offset name another scheme? (memo per sentence) */
  otherSchemeIn: (ss: number, se: number) => boolean;
  /** Where a news text's lead (its title line and first paragraph) ends. */
  leadEnd: number;
  home: Figure['location'];
  homeWhy: string;
  published: string | null;
  /** The year the text names most often (news without headings fall back on it). */
  namedYear: number | null;
  /** "… năm 2022 kéo dài sang năm 2023": the words between the two years of carried-over money. */
  carriedFrom: RegExp;
  /** Sticky: carried-over words right after a year ("năm 2023 chuyển sang"). */
  carriedInto: RegExp;
}

type Program = NonNullable<Figure['program']>;

/** A mention's value with the rule that chose it and the words it was read from. */
function from<T>(ctx: DocContext, m: Mention<T>, rule: string): Cue<T> {
  return { value: m.value, why: `${rule}: '${ctx.ft.slice(m.fs, m.fe).trim().slice(0, 60)}'` };
}

/** The first mention inside a heading. */
function inSpan<T>(list: readonly Mention<T>[], h: Heading): Mention<T> | null {
  return firstIn(list, h.start, h.end);
}

/** Innermost-first headings in force at the item's context position; the title is the outermost. */
function stackOf(ctx: DocContext, it: Item): readonly Heading[] {
  return ctx.headingsAt(it.ctx);
}

/** Start of the paragraph (line) holding the item: bullets like "- Dự án 1: …" span sentences. */
function paragraphStart(ctx: DocContext, it: Item): number {
  // Sentences never cross a line break, so the paragraph starts at or before the sentence's line.
  // Looked up among the line breaks found once per text: lastIndexOf from every figure rescans a
  // long line to its start (quadratic on prose written as one line).
  const i = countBelow(ctx.lineBreaks, it.ss, offset);
  return i === 0 ? 0 : ctx.lineBreaks[i - 1] + 1;
}

/** The last of `list` starting at or after `from`. */
function lastFrom<T>(list: readonly Mention<T>[], from: number): Mention<T> | null {
  for (let i = list.length - 1; i >= 0; i--) if (list[i].fs >= from) return list[i];
  return null;
}

export function programOf(ctx: DocContext, it: Item): Cue<Program> | null {
  const all = ctx.mentions.programs;
  // Most sentences name no programme: nothing to weigh in them.
  const first = countBefore(all, it.ss);
  const named = first < all.length && all[first].fs < it.se;
  // Programmes listed in a closed aside before the figure ("(bao gồm … giảm nghèo bền vững; …)")
  // name its examples, not it. Only the sentence's own mentions are tested (linear overall).
  const ownBefore = named ? allIn(all, it.ss, it.c.fs).filter((m) => m.fe > it.c.fs || !closesBefore(ctx, m.fe, it.c.fs)) : [];
  const clause = lastFrom(ownBefore, it.ws);
  // "giải ngân vốn đầu tư công và các Chương trình MTQG … 300,9 tỷ đồng": a total beyond the programmes.
  if (clause && ctx.combinedBefore.test(ctx.ft.slice(Math.max(0, clause.fs - 30), clause.fs))) return null;
  if (clause) return from(ctx, clause, 'programs named in the figure\'s words');
  // Named later in the same clause ("huy động … để thực hiện Chương trình MTQG 1719").
  if (named) {
    const k = countBelow(ctx.semicolons, it.c.fe, offset);
    const after = firstIn(all, it.c.fe, k < ctx.semicolons.length ? Math.min(ctx.semicolons[k], it.se) : it.se);
    const inSentence = [...ownBefore, ...allIn(all, it.c.fs, it.se)];
    // A sentence naming several programmes speaks of them together.
    if (new Set(inSentence.map((m) => m.value)).size > 1) return { value: 'all', why: `several programmes in the sentence: ${inSentence.map((m) => `'${ctx.ft.slice(m.fs, m.fe)}'`).join(', ')}` };
    if (after) return from(ctx, after, 'programs named later in the clause');
  }
  const before = lastFrom(ownBefore, it.ss);
  if (before) return from(ctx, before, 'programs named earlier in the sentence');
  const programs = all;
  const para = lastIn(programs, paragraphStart(ctx, it), it.ss);
  if (para) return from(ctx, para, 'programs named earlier in the paragraph');
  const ownScheme = ctx.otherSchemeIn(it.ss, it.se);
  for (const h of stackOf(ctx, it)) {
    // A figure of another scheme ("Đề án …") is not the programme the title names.
    if (h.level === 0 && ownScheme) break;
    const m = inSpan(programs, h);
    if (m) return from(ctx, m, h.level === 0 ? 'programs in the title' : 'programs in the heading');
  }
  // A news text's project ("Dự án 8") belongs to the programme it last named.
  const carried = lastIn(programs, 0, it.ss);
  if (ctx.isNews && carried && lastIn(ctx.mentions.projects, paragraphStart(ctx, it), it.c.fs)) return from(ctx, carried, 'programs last named before a project (news)');
  // An article about one programme (its lead names it, and it names no other) speaks of it throughout.
  // Money and rates only; and not a figure of another scheme ("Đề án …", "Chương trình 135").
  if (ctx.isNews && carried && it.c.kind !== 'quantity' && ctx.onlyProgram && programs[0].fs <= ctx.leadEnd && !ownScheme) return from(ctx, programs[0], 'programs: the only programme, named in the lead (news)');
  return null;
}

export function projectOf(ctx: DocContext, it: Item): Cue<string> | null {
  const { projects } = ctx.mentions;
  const own = lastIn(projects, it.ss, it.c.fs) ?? lastIn(projects, paragraphStart(ctx, it), it.ss);
  let ref: ProjectRef | null = own ? { ...own.value } : null;
  if (ref && (ref.sub === null || ref.component !== undefined)) return labelled(ref, from(ctx, own!, 'project named in the sentence or paragraph').why);
  const why: string[] = own ? [from(ctx, own, 'project named in the sentence or paragraph').why] : [];
  for (const h of stackOf(ctx, it)) {
    const m = inSpan(projects, h);
    if (!m) continue;
    if (!ref) ref = { ...m.value };
    else if (ref.project === null && m.value.sub === null) ref.project = m.value.project;
    else continue;
    why.push(from(ctx, m, 'project in the heading').why);
    if (ref.project !== null) break;
  }
  return labelled(ref, why.join('; '));
}

function labelled(ref: ProjectRef | null, why: string): Cue<string> | null {
  const value = ref ? projectLabel(ref) : null;
  return value === null ? null : { value, why };
}

function located(p: PlaceMention): NonNullable<Figure['location']> {
  return { province: p.province, district: p.district, current: p.current };
}

/** The metric a section's heading names ("1. Phân bổ vốn", "2. Kết quả giải ngân"). */
export function headingMetric<T>(ctx: DocContext, it: Item, metricOf: (heading: string) => Cue<T> | null): Cue<T> | null {
  for (const h of stackOf(ctx, it)) {
    if (h.level === 0) break; // the title names the report's subject, not an amount's
    const m = metricOf(ctx.ft.slice(h.start, h.end));
    if (m) return { value: m.value, why: `heading: ${m.why}` };
  }
  return null;
}

/** Offsets as their own sort key. */
const offset = (x: number) => x;

/** Where the figure's clause starts: after the sentence's last ';' before it. */
export function clauseOf(ctx: DocContext, it: Item): number {
  const k = countBelow(ctx.semicolons, it.c.fs, offset);
  return k > 0 ? Math.max(it.ss, ctx.semicolons[k - 1] + 1) : it.ss;
}

export function locationOf(ctx: DocContext, it: Item): Cue<Figure['location']> {
  const clauseStart = clauseOf(ctx, it);
  // The figure's clause first, then its sentence ("Tại huyện An Lão, …; người tham gia … 500 nghìn đồng").
  for (const start of clauseStart > it.ss ? [clauseStart, it.ss] : [it.ss]) {
    // Places in a closed aside ("(huyện Ngân Sơn và Pắc Nặm của tỉnh Bắc Kạn cũ)") do not place it.
    // Three are a list: only the last three are looked at (a long list costs no more).
    const near: Mention<PlaceMention>[] = [];
    for (let i = countBefore(ctx.places, it.c.fs) - 1; i >= 0 && ctx.places[i].fs >= start && near.length < 3; i--) {
      if (!closesBefore(ctx, ctx.places[i].fe, it.c.fs)) near.unshift(ctx.places[i]);
    }
    if (near.length === 0) continue;
    // A list of places ("các huyện A, B, C, …", "huyện A và huyện B") names no single one.
    const own = near.filter((m) => m.fs >= it.ws && m.value.district !== null);
    if (near.length >= 3 || new Set(own.map((m) => foldPhrase(m.value.district!))).size >= 2) break;
    if (near.length > 0) {
      const last = near[near.length - 1];
      // "Huyện Trà Cú, tỉnh Trà Vinh …": the province confirms the district named with it.
      const district = last.value.district === null ? near.find((m) => m.value.district !== null && m.value.province === last.value.province) : undefined;
      const m = district ?? last;
      return { value: located(m.value), why: from(ctx, m, start === clauseStart ? 'place named in the clause' : 'place named in the sentence').why };
    }
  }
  for (const h of stackOf(ctx, it)) {
    const m = inSpan(ctx.places, h);
    // A heading naming the province of a district report ("Yên Bái: … Trạm Tấu") keeps the district.
    if (m) return m.value.district === null && ctx.home?.district && foldPhrase(ctx.home.province) === foldPhrase(m.value.province) ? { value: ctx.home, why: 'the document\'s place (heading names its province)' } : { value: located(m.value), why: from(ctx, m, 'place in the heading').why };
  }
  return { value: ctx.home, why: ctx.homeWhy };
}

/** The date a figure is stated as of, and the single year it belongs to, each with its reason. */
export function datesOf(ctx: DocContext, it: Item): { asOf: Cue<string | null>; year: Cue<number | null> } {
  const { asOf, now } = ctx.mentions;
  const asOfNear = it.c.kind === 'quantity' ? ctx.mentions.asOfNear : ctx.mentions.asOfNearMoney;
  const said = later(lastIn(asOf, it.ss, it.c.fs), lastIn(asOfNear, it.ss, it.c.fs)) ?? earlier(firstIn(asOf, it.c.fe, it.se), firstIn(asOfNear, it.c.fe, it.se));
  let date: Cue<string | null> = said ? from(ctx, said, 'dates.asOf in the sentence') : { value: null, why: '' };
  if (!said && ctx.published) {
    const n = lastIn(now, it.ss, it.c.fs) ?? firstIn(now, it.c.fe, it.se);
    if (n) date = { value: ctx.published, why: from(ctx, n, 'dates.now: the document\'s date').why };
  }
  const own = ownYear(ctx, it);
  if (date.value === null) {
    for (const h of stackOf(ctx, it)) {
      const m = inSpan(asOf, h);
      if (m) {
        // A section's "(tính đến 30/6/2024)" does not date a figure of an earlier year.
        // Money carried in from that year and spent since ("Vốn năm 2023 chuyển sang đã giải ngân …") is.
        if (own === null || own.value === 'period' || own.value >= Number(m.value.slice(0, 4)) || spendsCarried(ctx, it)) date = from(ctx, m, 'dates.asOf in the heading');
        break;
      }
    }
  }
  // A period ("giai đoạn 2021-2024") has no single year, whatever its date.
  if (own?.value === 'period') return { asOf: date, year: { value: null, why: own.why } };
  if (own !== null) return { asOf: date, year: own as Cue<number> };
  if (date.value) return { asOf: date, year: { value: Number(date.value.slice(0, 4)), why: `the as-of date's year` } };
  for (const h of stackOf(ctx, it)) {
    const y = inSpan(ctx.mentions.years, h);
    if (y) return { asOf: date, year: { value: y.value.kind === 'year' ? y.value.year : null, why: from(ctx, y, 'year in the heading').why } };
  }
  // A news article's figures belong to the year it was published, or the year it keeps naming.
  if (ctx.published) return { asOf: date, year: { value: Number(ctx.published.slice(0, 4)), why: 'the year the document was published' } };
  return { asOf: date, year: ctx.isNews ? { value: ctx.namedYear, why: 'the year the article names most' } : { value: null, why: '' } };
}

const later = <T>(a: Mention<T> | null, b: Mention<T> | null) => (a && b ? (a.fs > b.fs ? a : b) : (a ?? b));
const earlier = <T>(a: Mention<T> | null, b: Mention<T> | null) => (a && b ? (a.fs < b.fs ? a : b) : (a ?? b));

/** "Vốn năm 2023 chuyển sang đã giải ngân X": a figure of money carried in, other than the carried amount. */
function spendsCarried(ctx: DocContext, it: Item): boolean {
  if (it.metric === 'carried_over') return false;
  const year = lastIn(ctx.mentions.years, it.ss, it.c.fs);
  return year !== null && testAt(ctx.carriedInto, ctx.ft, year.fe);
}

/** The nearest year said before the figure in its sentence (not inside a closed parenthesis). */
function ownYear(ctx: DocContext, it: Item): Cue<number | 'period'> | null {
  const list = allIn(ctx.mentions.years, it.ss, it.c.fs);
  for (let i = list.length - 1; i >= 0; i--) {
    const m: Mention<YearMention> = list[i];
    if (closesBefore(ctx, m.fe, it.c.fs)) continue;
    // "vốn năm 2022 kéo dài sang năm 2023 là X": carried-over money belongs to the year it came from.
    if (it.metric === 'carried_over' && i > 0 && ctx.carriedFrom.test(ctx.ft.slice(list[i - 1].fe, m.fs))) {
      const f = list[i - 1];
      return { value: f.value.kind === 'year' ? f.value.year : 'period', why: from(ctx, f, 'year carried from').why };
    }
    return { value: m.value.kind === 'year' ? m.value.year : 'period', why: from(ctx, m, m.value.kind === 'year' ? 'year named in the sentence' : 'period named in the sentence').why };
  }
  return null;
}

export function mostNamedYear(years: readonly Mention<YearMention>[]): number | null {
  return mostFrequent(years.flatMap((y) => (y.value.kind === 'year' ? [y.value.year] : [])));
}

/** Where each bracket closes, kept at the brackets only (see bracketExits). */
export interface BracketExits {
  /** Offsets of the text's '(' and ')', in order. */
  at: number[];
  /** For a position after at[k-1] and up to at[k]: where the bracket holding it closes (-1: none). */
  exit: number[];
}

/**
 * Scanning forward from a position, the first ')' not matched by a '(' on the way: one backward
 * pass over the brackets of a document, so "does a bracket open before `from` close before `to`?"
 * is one look-up (was a scan per figure). Positions between two brackets share an answer.
 */
export function bracketExits(ft: string): BracketExits {
  const at: number[] = [];
  for (let i = ft.indexOf('('), j = ft.indexOf(')'); i >= 0 || j >= 0; ) {
    if (j < 0 || (i >= 0 && i < j)) {
      at.push(i);
      i = ft.indexOf('(', i + 1);
    } else {
      at.push(j);
      j = ft.indexOf(')', j + 1);
    }
  }
  const exit = new Array<number>(at.length);
  const closes: number[] = [];
  for (let k = at.length - 1; k >= 0; k--) {
    if (ft.charCodeAt(at[k]) === 41) closes.push(at[k]);
    else if (closes.length) closes.pop();
    exit[k] = closes.length ? closes[closes.length - 1] : -1;
  }
  return { at, exit };
}

/** Does a bracket open before `from` close before `to`? (The mention sat in a closed aside.) */
function closesBefore(ctx: DocContext, from: number, to: number): boolean {
  const { at, exit } = ctx.bracketExit;
  const k = countBelow(at, from, offset);
  const e = k < at.length ? exit[k] : -1;
  return e !== -1 && e < to;
}
