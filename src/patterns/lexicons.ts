// Reads the rule data in patterns/*.json (validated with zod) and compiles it into matchers over
// folded text. Adding a phrase to a JSON file changes behaviour without code changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PATTERNS_DIR } from './dir.ts';
import { keptResults, snapshotted } from './snapshot.ts';
import { foldPhrase } from '../text/fold.ts';
import { METRICS, PROGRAMS, FUNDS, CAPITALS, RATE_KINDS } from '../contract/schema.ts';

/** Every patterns file carries worked examples that tests/patterns-examples.test.ts runs. */
export const ExampleSchema = z.object({
  text: z.string().min(1),
  figures: z.array(z.record(z.string(), z.unknown())),
});
export type PatternExample = z.infer<typeof ExampleSchema>;

const Phrases = z.array(z.string().min(1));
const base = { description: z.string().min(1), examples: z.array(ExampleSchema) };

const NumbersSchema = z.object({
  ...base,
  multipliers: z.array(z.object({ words: Phrases, value: z.number() })),
  currency: Phrases,
  percent: Phrases,
  digits: z.record(z.string(), z.number().int()),
  ten: Phrases,
  tens: Phrases,
  hundred: Phrases,
  zeroFiller: Phrases,
  half: Phrases,
  notAlone: Phrases,
});
const UnitsSchema = z.object({
  ...base,
  quantity: z.array(z.object({ unit: z.string(), forms: Phrases, variants: Phrases.optional(), rangeOnly: z.boolean().optional(), family: z.string().optional() })),
  /** Words after a number that are no unit (the open class of unit nouns excludes them). */
  notUnits: Phrases,
  per: Phrases,
});
const QualifiersSchema = z.object({
  ...base,
  over: Phrases,
  under: Phrases,
  approx: Phrases,
  overAfter: Phrases,
  comparative: Phrases,
  /** Words that may stand between a qualifier and its number ("tối thiểu là 75.000 tỷ đồng"). */
  bridge: Phrases,
});
const MetricsSchema = z.object({
  ...base,
  metrics: z.partialRecord(z.enum(METRICS), Phrases),
  notMetric: Phrases,
  /** Words right after an amount that name its metric ("6,9 tỷ đồng đề nghị kéo dài sang năm 2024"). */
  metricsAfter: z.partialRecord(z.enum(METRICS), Phrases),
  rateKinds: z.partialRecord(z.enum(RATE_KINDS), Phrases),
  rateVerbs: Phrases,
  /** Words after a percentage that make it a share of the poor, not a poverty rate ("chiếm 45,6% tổng số hộ nghèo"). */
  shareAfter: Phrases,
  /** Verbs joining a count to the percentage it makes ("1.187 người có việc làm (đạt 73,1%)"). */
  shareOfCount: Phrases,
  /** Verbs that state a level, not a change ("chiếm", "còn"). */
  stateVerbs: Phrases,
  /** Words that may stand between a percentage and "kế hoạch" ("so với kế hoạch"). */
  planPrefix: Phrases,
  /** Nouns after a percentage that make it a share of what they count ("80% số xã"), when no poverty word says otherwise. */
  shareNounsAfter: Phrases,
  /** Change words that name a rate of change ("tỷ lệ giảm nghèo … đạt 5,02%"): a verb after them keeps the change. */
  changeNouns: Phrases,
  /** Words that look like a change but name a programme or a noun ("giảm nghèo"). */
  notChange: Phrases,
  /** After "giảm … từ X%": words that make X the level it started from ("xuống còn 26,9%"). */
  levelTo: Phrases,
  /** Words that give a percentage a subject of its own ("nâng tỷ lệ lao động qua đào tạo đạt 51%"): it is no rate of an amount before. */
  rateSubjects: Phrases,
  /** …unless they speak of money ("tỷ lệ giải ngân", "đạt tỷ lệ"). */
  moneyRateSubjects: Phrases,
  /** Words joining an achieved amount to its plan ("giải ngân 3,2 tỷ trên tổng số 4.125 triệu đồng"). */
  planJoin: Phrases,
});
const ProgramsSchema = z.object({
  ...base,
  programs: z.partialRecord(z.enum(PROGRAMS), Phrases),
  /** Schemes other than the programmes: a figure whose sentence names one is not carried into the article's programme. */
  otherSchemes: Phrases,
  /** Words before a programme name that join it to money outside the programmes ("vốn đầu tư công và các Chương trình MTQG"): such a total is no programme's. */
  combinedWith: Phrases,
});
const FundsSchema = z.object({ ...base, fund: z.partialRecord(z.enum(FUNDS), Phrases), capital: z.partialRecord(z.enum(CAPITALS), Phrases), afterGap: Phrases });
const LabelsSchema = z.object({ ...base, before: Phrases, notBefore: Phrases, periodWords: Phrases });
const StructureSchema = z.object({
  ...base,
  headings: z.array(z.object({ level: z.number().int().positive(), regex: z.string(), colon: z.boolean() })),
  headingMaxLength: z.number().int().positive(),
  capsHeadingLevel: z.number().int().positive(),
  /** The document type line of an official letterhead ("BÁO CÁO", "KẾ HOẠCH"): the title starts there. */
  documentTypes: Phrases,
  breakdown: Phrases,
  notBreakdownStart: Phrases,
  breakdownEnders: Phrases,
  provinceScope: Phrases,
  districtScope: Phrases,
  footnotes: z.array(z.object({ name: z.string(), marker: z.string(), body: z.string(), needsMarker: z.boolean() })),
  sentenceAbbreviations: Phrases,
});
const DatesSchema = z.object({
  ...base,
  asOf: Phrases,
  now: Phrases,
  period: Phrases,
  periodAlone: Phrases,
  yearEnd: Phrases,
  comparison: Phrases,
  carriedFrom: Phrases,
  yearWords: Phrases,
  dayParts: Phrases,
  /** "đến hết tháng 5/2024", "tính đến cuối tháng 3": words before a month that date its last day. */
  monthEndWords: Phrases,
  /** "hết quý I": the quarter word (its last day dates the figure). */
  quarterWords: Phrases,
  /** "6 tháng đầu năm 2024": as of 30 June. */
  halfYear: Phrases,
  /** Words a publication stamp line may hold beside its date and time ("Cập nhật: 12/03/2025 | 08:30"). */
  stampWords: Phrases,
});


function read<S extends z.ZodType>(name: string, schema: S): z.infer<S> {
  const file = join(PATTERNS_DIR, `${name}.json`);
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`patterns/${name}.json: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

/**
 * Regex source matching any of the phrases (folded), longest match first. Built as a trie so a
 * list of hundreds of names (the gazetteer) costs one character test per position, not hundreds.
 */
export function alternation(phrases: string[]): string {
  return alternations(phrases.join('\0'));
}

// In the build, kept for the next process (a list is one argument: its phrases joined by NUL).
const alternations = keptResults('alternations', (joined) => trieAlternation(joined.split('\0')));

function trieAlternation(phrases: string[]): string {
  interface Node {
    next: Map<string, Node>;
    end: boolean;
  }
  const root: Node = { next: new Map(), end: false };
  for (const p of new Set(phrases.map(foldPhrase))) {
    if (!p) continue;
    let n = root;
    for (const ch of p) {
      let child = n.next.get(ch);
      if (!child) n.next.set(ch, (child = { next: new Map(), end: false }));
      n = child;
    }
    n.end = true;
  }
  const emit = (n: Node): string => {
    const branches = [...n.next].map(([ch, child]) => escapeRegex(ch) + emit(child));
    if (!branches.length) return '';
    const alt = branches.length === 1 ? branches[0] : `(?:${branches.join('|')})`;
    // Greedy: the longer phrase is tried first, the shorter one when it fails.
    return n.end ? `(?:${alt})?` : alt;
  };
  return emit(root);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Letters and tone marks of folded text: used as word boundaries. */
export const L = 'a-z0-9đăâêôơư\\u00e0-\\u024f\\u1ea0-\\u1ef9\\u0300\\u0301\\u0303\\u0309\\u0323';

/** A sticky (or global) matcher tried at `pos` only; its lastIndex is then where the match ends. */
export function matchAt(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** matchAt when only whether it matches (and its lastIndex) is wanted: no match array is built. */
export function testAt(re: RegExp, text: string, pos: number): boolean {
  re.lastIndex = pos;
  return re.test(text);
}

export function wordRegex(phrases: string[], flags = 'g'): RegExp {
  return new RegExp(`(?<![${L}])(?:${alternation(phrases)})(?![${L}])`, flags);
}

/** A folded phrase -> value table, for lookups after a regex match. */
function table<V>(entries: [string, V][]): Map<string, V> {
  return new Map(entries.map(([k, v]) => [foldPhrase(k), v]));
}

/** The patterns files validated and compiled (lexicons() keeps the result; a build keeps it on disk). */
export function compileLexicons() {
  const numbers = read('numbers', NumbersSchema);
  const units = read('units', UnitsSchema);
  const qualifiers = read('qualifiers', QualifiersSchema);
  const metrics = read('metrics', MetricsSchema);
  const programs = read('programs', ProgramsSchema);
  const funds = read('funds', FundsSchema);
  const labels = read('labels', LabelsSchema);
  const structure = read('structure', StructureSchema);
  const dates = read('dates', DatesSchema);

  const multiplier = table(numbers.multipliers.flatMap((m) => m.words.map((w) => [w, m.value] as [string, number])));
  // The unit reported for a form: the entry's unit for forms that start with it or are its spellings,
  // else the form as written up to its first comma ("làng, bản" -> "làng").
  const reported = (u: (typeof units.quantity)[number], form: string): string => {
    const first = form.split(',')[0].trim().toLowerCase();
    return first === u.unit || first.startsWith(`${u.unit} `) || u.variants?.includes(form) ? u.unit : first;
  };
  const unitOf = table(units.quantity.flatMap((u) => [...u.forms, ...(u.variants ?? [])].map((f) => [f, reported(u, f)] as [string, string])));
  const rangeOnlyUnits = new Set(units.quantity.filter((u) => u.rangeOnly).map((u) => u.unit));
  const unitFamily = new Map(units.quantity.flatMap((u) => [...u.forms, ...(u.variants ?? [])].map((f) => [reported(u, f), u.family ?? u.unit] as [string, string])));
  const wordDigits = table(Object.entries(numbers.digits));
  const numberWords = [
    ...Object.keys(numbers.digits),
    ...numbers.ten,
    ...numbers.tens,
    ...numbers.hundred,
    ...numbers.zeroFiller,
    ...numbers.half,
  ];
  const qualifierOf = table([
    ...qualifiers.over.map((w) => [w, 'over'] as [string, 'over']),
    ...qualifiers.under.map((w) => [w, 'under'] as [string, 'under']),
    ...qualifiers.approx.map((w) => [w, 'approx'] as [string, 'approx']),
  ]);
  const entriesOf = <K extends string>(rec: Partial<Record<K, string[]>>) =>
    (Object.entries(rec) as [K, string[]][]).flatMap(([k, ws]) => ws.map((w) => [w, k] as [string, K]));

  return {
    raw: { numbers, units, qualifiers, metrics, programs, funds, labels, structure, dates },
    multiplier,
    multiplierAlt: alternation([...multiplier.keys()]),
    currencyAlt: alternation(numbers.currency),
    percentAlt: alternation(numbers.percent),
    unitOf,
    rangeOnlyUnits,
    unitFamily,
    unitAlt: alternation([...unitOf.keys()]),
    perAlt: alternation(units.per),
    notUnits: new Set(units.notUnits.map(foldPhrase)),
    wordDigits,
    numberWordAlt: alternation(numberWords),
    tenWords: new Set(numbers.ten.map(foldPhrase)),
    tensWords: new Set(numbers.tens.map(foldPhrase)),
    hundredWords: new Set(numbers.hundred.map(foldPhrase)),
    zeroWords: new Set(numbers.zeroFiller.map(foldPhrase)),
    halfWords: new Set(numbers.half.map(foldPhrase)),
    notAloneWords: new Set(numbers.notAlone.map(foldPhrase)),
    qualifierOf,
    qualifierAlt: alternation([...qualifierOf.keys()]),
    overAfterAlt: alternation(qualifiers.overAfter),
    comparativeAlt: alternation(qualifiers.comparative),
    metricOf: table(entriesOf(metrics.metrics)),
    metricRe: wordRegex([...entriesOf(metrics.metrics).map(([w]) => w), ...metrics.notMetric]),
    notMetric: new Set(metrics.notMetric.map(foldPhrase)),
    metricAfterOf: table(entriesOf(metrics.metricsAfter)),
    metricAfterRe: new RegExp(`\\s*(${alternation(entriesOf(metrics.metricsAfter).map(([w]) => w))})(?![${L}])`, 'y'),
    programOf: table(entriesOf(programs.programs)),
    programRe: wordRegex(entriesOf(programs.programs).map(([w]) => w)),
    otherSchemeRe: wordRegex(programs.otherSchemes, ''),
    combinedBeforeRe: new RegExp(`(?<![${L}])(?:${alternation(programs.combinedWith)})\\s*$`),
    fundOf: table(entriesOf(funds.fund)),
    fundRe: wordRegex(entriesOf(funds.fund).map(([w]) => w)),
    capitalOf: table(entriesOf(funds.capital)),
    capitalRe: wordRegex(entriesOf(funds.capital).map(([w]) => w)),
    labelBeforeAlt: alternation(labels.before),
    notLabelBeforeAlt: alternation(labels.notBefore),
    periodWordAlt: alternation(labels.periodWords),
    headings: structure.headings.map((h) => ({ level: h.level, re: new RegExp(h.regex, 'u'), colon: h.colon })),
    headingMaxLength: structure.headingMaxLength,
    capsHeadingLevel: structure.capsHeadingLevel,
    documentTypeRe: new RegExp(`^(?:${alternation(structure.documentTypes)})(?![${L}])`),
    breakdownAlt: alternation(structure.breakdown),
    breakdownEnder: new RegExp(`;\\s*(?:${alternation(structure.breakdownEnders)})(?![${L}])`, 'g'),
    notBreakdownStart: new RegExp(`^\\s*(?:${alternation(structure.notBreakdownStart)})(?![${L}])`),
    footnoteForms: structure.footnotes.map((f) => ({ marker: new RegExp(f.marker, 'g'), body: new RegExp(f.body, 'g'), needsMarker: f.needsMarker })),
    abbreviations: structure.sentenceAbbreviations,
    provinceScopeRe: wordRegex(structure.provinceScope),
    districtScopeRe: wordRegex(structure.districtScope),
    asOfAlt: alternation(dates.asOf),
    nowAlt: alternation(dates.now),
    periodAlt: alternation(dates.period),
    periodAloneAlt: alternation(dates.periodAlone),
    yearWordAlt: alternation(dates.yearWords),
    yearEndAlt: alternation(dates.yearEnd),
    monthEndAlt: alternation(dates.monthEndWords),
    quarterAlt: alternation(dates.quarterWords),
    halfYearAlt: alternation(dates.halfYear),
    comparisonAlt: alternation(dates.comparison),
    carriedFromAlt: alternation(dates.carriedFrom),
    fundAfterGapAlt: alternation(funds.afterGap),
    dayPartAlt: alternation(dates.dayParts),
    stampLine: new RegExp(`^[\\s|,:()\\-–]*(?:(?:${alternation(dates.stampWords)}|\\d{1,2}:\\d{2}(?::\\d{2})?|\\d{1,2}\\/\\d{1,2}\\/\\d{4}|[+]?\\d{1,2}(?=[\\s)]*$))(?![${L}])[\\s|,:()\\-–]*)+$`),
  };
}

export type Lexicons = ReturnType<typeof compileLexicons>;

const built = new WeakMap<Lexicons, Map<(lex: Lexicons) => unknown, unknown>>();
// The lexicons last asked for and their matchers: passes ask several times per figure, and one
// process nearly always has one lexicons object, so the weak map is consulted only on a change.
let lastLex: Lexicons | null = null;
let lastBuilt = new Map<(lex: Lexicons) => unknown, unknown>();

/**
 * A matcher a module builds from the lexicons, built once per lexicons object and kept with it.
 * `build` must be a module-level function: it is the cache key.
 */
export function compiled<T>(lex: Lexicons, build: (lex: Lexicons) => T): T {
  if (lex !== lastLex) {
    let cache = built.get(lex);
    if (!cache) built.set(lex, (cache = new Map()));
    lastLex = lex;
    lastBuilt = cache;
  }
  let value = lastBuilt.get(build) as T | undefined;
  if (value === undefined) lastBuilt.set(build, (value = build(lex)));
  return value;
}
let cache: Lexicons | null = null;

/** The compiled patterns, loaded once per process (in the build, from its snapshot of the same patterns). */
export function lexicons(): Lexicons {
  return (cache ??= snapshotted('lexicons', PATTERNS_DIR, compileLexicons));
}
