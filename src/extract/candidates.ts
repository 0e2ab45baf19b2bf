// Finds the figures in folded text: a number (digits or words), then what makes it a figure — a
// currency word or multiplier (money), % or "phần trăm" (percent), a unit noun (quantity) — with
// ranges, ratios, per-unit rates and qualifiers. Dates, labels and document numbers are passed over.
import type { Lexicons } from '../patterns/lexicons.ts';
import { L, alternation, compiled, matchAt as at, testAt as is } from '../patterns/lexicons.ts';
import { readDigits, readWords, type NumberStyle } from './numbers.ts';
import type { Figure } from '../contract/schema.ts';
import { foldPhrase } from '../text/fold.ts';

export interface Candidate {
  /** Span in the folded text. */
  fs: number;
  fe: number;
  kind: Figure['kind'];
  value: number;
  unit: string;
  /** Folded span of "/km", "/người/ngày" (the text of `per` comes from the original). */
  perSpan: [number, number] | null;
  of: number | null;
  rangeTo: number | null;
  qualifier: Figure['qualifier'];
  confidence: number;
  decimals: number;
  /** The value under the other reading of an ambiguous separator ("65,420" as 65420). */
  alt: number | null;
  /** "giải ngân 508.424/1.239.405 triệu đồng": the achieved part and the plan part of one statement. */
  role: 'achieved' | 'plan' | null;
}

const NUM = String.raw`\d+(?:[.,]\d+)*`;
/** Vietnamese lower-case letters with their marks (folded text keeps them precomposed). */
const LETTERS = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ';

interface Grammar {
  master: RegExp;
  date: RegExp;
  labelBefore: RegExp;
  /** The last word of each label (labelBefore can match only after one of them). */
  labelEnds: Set<string>;
  notLabelBefore: RegExp;
  periodBefore: RegExp;
  qualifierBefore: RegExp;
  comparativeBefore: RegExp;
  overAfter: RegExp;
  rangeJoin: RegExp;
  num: RegExp;
  mult: RegExp;
  compound: RegExp;
  currency: RegExp;
  percent: RegExp;
  unit: RegExp;
  per: RegExp;
  percentPair: RegExp;
  ratio: RegExp;
  sharedPercent: RegExp;
  openNoun: RegExp;
  half: RegExp;
}

function buildGrammar(lex: Lexicons): Grammar {
  const W = `(?:${lex.numberWordAlt})`;
  const M = `(?:${lex.multiplierAlt})`;
  const end = `(?![${L}])`;
  return {
    master: new RegExp(`(?<![\\d.,${L}])${NUM}|(?<![${L}])${W}(?:\\s+(?:${W}|${M}))*${end}`, 'g'),
    date: /\d{1,2}\/\d{1,2}\/\d{2,4}(?!\d)|\d{1,2}\/\d{4}(?!\d)|\d{1,2}\/\d{1,2}(?![\d,.]\d)/y,
    labelBefore: before(`(?:${lex.labelBeforeAlt})\\s*[:.]?\\s*`),
    labelEnds: new Set(lex.raw.labels.before.map((p) => foldPhrase(p).split(' ').pop()!)),
    notLabelBefore: before(`(?:${lex.notLabelBeforeAlt})\\s*[:.]?\\s*`),
    periodBefore: before(`(?:${lex.periodWordAlt})\\s*`),
    // "tối thiểu là 75.000 tỷ đồng": a copula may stand between the qualifier and the number.
    qualifierBefore: new RegExp(`(?<=(?<![${L}])(${lex.qualifierAlt})\\s*(?:(?:${alternation(lex.raw.qualifiers.bridge)})\\s+)?)`, 'y'),
    comparativeBefore: before(`(?:${lex.comparativeAlt})\\s*`),
    overAfter: new RegExp(`\\s*(?:${lex.overAfterAlt})${end}`, 'y'),
    rangeJoin: new RegExp(`\\s*(?:-|–|—|${alternation(['đến', 'tới'])})\\s*(?=\\d)`, 'y'),
    num: new RegExp(NUM, 'y'),
    mult: new RegExp(`\\s*(${M})${end}`, 'y'),
    compound: new RegExp(`\\s+(${NUM})\\s*(${M})${end}`, 'y'),
    currency: new RegExp(`\\s*(?:${lex.currencyAlt})${end}`, 'y'),
    percent: new RegExp(`\\s*(?:${lex.percentAlt})(?![${L}])`, 'y'),
    unit: new RegExp(`\\s*(${lex.unitAlt})${end}`, 'y'),
    per: new RegExp(`\\s*\\/\\s*(${lex.perAlt})${end}`, 'y'),
    percentPair: new RegExp(`\\/\\s*([<>≤≥]?)\\s*(${NUM})\\s*%`, 'y'),
    ratio: new RegExp(`\\/(${NUM})(?=\\s*[${L}])`, 'y'),
    sharedPercent: new RegExp(`\\s*(?:${alternation(['và', 'hoặc'])}|,|;)\\s*${NUM}\\s*%`, 'y'),
    half: new RegExp(`\\s+(?:${alternation(lex.raw.numbers.half)})${end}`, 'y'),
    // A noun no list names: one or two lower-case syllables after the number ("67 chuồng bò").
    openNoun: new RegExp(`[ \\u00a0]+([a-zđ${LETTERS}]+)(?:[ \\u00a0]([a-zđ${LETTERS}]+))?(?![${L}])`, 'y'),
  };
}

/** A test for what stands right before a position: a sticky lookbehind, tried there only. */
function before(src: string): RegExp {
  return new RegExp(`(?<=(?<![${L}])${src})`, 'y');
}

interface Tail {
  kind: Figure['kind'];
  unit: string;
  mult: number;
  /** Smaller groups of a compound amount ("1 tỷ 200 triệu": the 200 triệu), in units. */
  extra: number;
  end: number;
}

/** What follows a number: multiplier/compound/currency (money), percent, or unit (quantity). */
function readTail(ft: string, pos: number, g: Grammar, lex: Lexicons, inRange: boolean, open?: (fs: number) => boolean): Tail | null {
  let mult = 1;
  let p = pos;
  let extra = 0;
  const m = at(g.mult, ft, p);
  if (m) {
    mult = lex.multiplier.get(m[1])!;
    p = g.mult.lastIndex;
    // "1 tỷ 200 triệu": smaller groups that follow add up.
    let c: RegExpExecArray | null;
    while ((c = at(g.compound, ft, p))) {
      const cm = lex.multiplier.get(c[2])!;
      if (cm >= mult) break;
      extra += Number(c[1].replace(/\./g, '').replace(',', '.')) * cm;
      p = g.compound.lastIndex;
    }
    // "2 triệu rưỡi đồng": a half word right after the multiplier adds half of it.
    if (is(g.half, ft, p)) {
      extra += mult / 2;
      p = g.half.lastIndex;
    }
  }
  if (is(g.percent, ft, p) && mult === 1) return { kind: 'percent', unit: '%', mult: 1, extra: 0, end: g.percent.lastIndex };
  if (is(g.currency, ft, p)) return { kind: 'money', unit: 'VND', mult, extra, end: g.currency.lastIndex };
  const u = at(g.unit, ft, p);
  if (u) {
    const unit = lex.unitOf.get(u[1])!;
    if (!lex.rangeOnlyUnits.has(unit) || inRange) return { kind: 'quantity', unit, mult, extra, end: g.unit.lastIndex };
  }
  // A bare "triệu"/"tỷ" means money ("5 triệu ngân sách trung ương"); a bare "nghìn" says too little.
  if (m && mult >= 1e6) return { kind: 'money', unit: 'VND', mult, extra, end: p };
  return open ? openUnit(ft, p, g, lex, open, mult) : null;
}

/**
 * Unit nouns are an open class: a lower-case noun after a number is its unit ("32 dân tộc",
 * "313 danh mục") unless units.json's notUnits names the word (time words, verbs, function words).
 */
function openUnit(ft: string, pos: number, g: Grammar, lex: Lexicons, capitalAt: (fs: number) => boolean, mult: number): Tail | null {
  const w = at(g.openNoun, ft, pos);
  if (!w) return null;
  const firstAt = pos + w[0].indexOf(w[1]);
  if (lex.notUnits.has(w[1]) || capitalAt(firstAt)) return null;
  const secondAt = g.openNoun.lastIndex - (w[2]?.length ?? 0);
  const two = w[2] !== undefined && !lex.notUnits.has(w[2]) && !capitalAt(secondAt);
  return { kind: 'quantity', unit: two ? `${w[1]} ${w[2]}` : w[1], mult, extra: 0, end: two ? g.openNoun.lastIndex : firstAt + w[1].length };
}

function readPer(ft: string, pos: number, g: Grammar): { per: [number, number] | null; end: number } {
  let p = pos;
  while (is(g.per, ft, p)) p = g.per.lastIndex;
  return { per: p > pos ? [pos, p] : null, end: p };
}

function scale(value: number, mult: number, kind: Figure['kind']): number {
  const v = value * mult;
  return kind === 'money' && mult >= 1000 ? Math.round(v) : Math.round(v * 1e9) / 1e9;
}

/** "<", "≤", ">", "≥" as qualifiers.json lists them. */
export function symbolQualifier(symbol: string, lex: Lexicons): Figure['qualifier'] {
  return lex.qualifierOf.get(symbol) ?? 'exact';
}

function qualifierBefore(ft: string, start: number, g: Grammar, lex: Lexicons): Figure['qualifier'] {
  const sym = /([<>≤≥])\s*$/.exec(ft.slice(Math.max(0, start - 3), start));
  if (sym) return symbolQualifier(sym[1], lex);
  const q = at(g.qualifierBefore, ft, start);
  // "thấp hơn 6 triệu đồng" states a difference, not "more than 6 triệu".
  if (!q || is(g.comparativeBefore, ft, start)) return 'exact';
  return lex.qualifierOf.get(q[1]) ?? 'exact';
}

/** `capitalAt` says whether the original has a capital at a folded offset (no open-class unit then). */
export function findCandidates(ft: string, lex: Lexicons, style: NumberStyle, capitalAt?: (fs: number) => boolean): Candidate[] {
  const g = compiled(lex, buildGrammar);
  const out: Candidate[] = [];
  g.master.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = g.master.exec(ft))) {
    const start = m.index;
    const isDigit = m[0].charCodeAt(0) <= 0x39;
    const resume = isDigit ? scanDigits(ft, start, g, lex, style, out, capitalAt) : scanWords(ft, start, m[0], g, lex, out);
    g.master.lastIndex = Math.max(resume, start + 1);
  }
  return out;
}

/** Characters after a number that no figure grammar continues with: ) ] : . newline quotes. */
const ENDS = new Set([0x29, 0x5d, 0x3a, 0x2e, 0x0a, 0x22, 0x201d, 0x0d]);

/** Handles a digit token at `start`; returns where scanning resumes. */
function scanDigits(ft: string, start: number, g: Grammar, lex: Lexicons, style: NumberStyle, out: Candidate[], capitalAt?: (fs: number) => boolean): number {
  const tok = at(g.num, ft, start)![0];
  let p = start + tok.length;
  // Most numbers (dates, list markers, document numbers) end where nothing can follow: skip early.
  const next = ft.charCodeAt(p) === 32 ? ft.charCodeAt(p + 1) : ft.charCodeAt(p);
  if (Number.isNaN(next) || ENDS.has(next)) return p;
  // "dự án 412,8 tỷ đồng", "doanh số 412,6 tỷ đồng": a number with separators before an amount word is no label.
  if (isLabel(ft, start, tok, g) && !(/[.,]/.test(tok) && (is(g.mult, ft, p) || is(g.currency, ft, p) || is(g.percent, ft, p)))) return skipLabel(ft, p);
  // Percent pairs "93,59/50%" (result/target) and ratios "23/115 xã" before dates; all three need a '/' next.
  const slash = ft.charCodeAt(p) === 0x2f;
  const pair = slash ? at(g.percentPair, ft, p) : null;
  if (pair) {
    const a = readDigits(tok, style, true);
    const b = readDigits(pair[2], style, true);
    const bStart = g.percentPair.lastIndex - (pair[0].length - pair[0].indexOf(pair[2]));
    const q = qualifierBefore(ft, start, g, lex);
    out.push(mk(start, p, 'percent', a.value, '%', q, a));
    const bq = pair[1] ? symbolQualifier(pair[1], lex) : 'exact';
    const per = readPer(ft, g.percentPair.lastIndex, g);
    out.push({ ...mk(bStart, per.end, 'percent', b.value, '%', bq, b), perSpan: per.per });
    return per.end;
  }
  const ratio = slash ? at(g.ratio, ft, p) : null;
  if (ratio) {
    const tail = readTail(ft, g.ratio.lastIndex, g, lex, false);
    if (tail && tail.kind === 'quantity') {
      const a = readDigits(tok, style, false);
      const per = readPer(ft, tail.end, g);
      const c = mk(start, per.end, 'quantity', a.value, tail.unit, qualifierBefore(ft, start, g, lex), a);
      out.push({ ...c, of: readDigits(ratio[1], style, false).value, perSpan: per.per });
      return per.end;
    }
    // Achieved/plan money "508.424/1.239.405 triệu đồng": the achieved part ends before '/' and
    // takes its unit from the right; the plan part is read next as a figure of its own.
    if (tail && tail.kind === 'money') {
      const a = readDigits(tok, style, false);
      out.push({ ...mk(start, p, 'money', scale(a.value, tail.mult, 'money'), 'VND', qualifierBefore(ft, start, g, lex), a), role: 'achieved' });
      return p;
    }
  }
  if (slash && is(g.date, ft, start)) return g.date.lastIndex;
  if (slash && /[a-zđ]/.test(ft[p + 1] ?? '')) return skipLabel(ft, p); // "1719/QĐ-TTg"

  // Range "10-15 triệu đồng", "từ 2 đến 3 tỷ đồng", "3,5-4%".
  let rangeTok: string | null = null;
  const join = at(g.rangeJoin, ft, p);
  if (join) {
    const second = at(g.num, ft, g.rangeJoin.lastIndex)!;
    const secondEnd = g.rangeJoin.lastIndex + second[0].length;
    if (readTail(ft, secondEnd, g, lex, true)) {
      rangeTok = second[0];
      p = secondEnd;
    }
  }
  const isPct = is(g.percent, ft, p);
  // Years ("2024 các xã") take no open-class unit.
  const open = capitalAt && !/^(?:19|20)\d\d$/.test(tok) ? capitalAt : undefined;
  const tail = readTail(ft, p, g, lex, rangeTok !== null, open);
  if (!tail) {
    // "8,91 và 5,2%": the first number shares the percent sign.
    if (!rangeTok && is(g.sharedPercent, ft, p) && /,\d|^\d{1,2}$/.test(tok)) {
      const a = readDigits(tok, style, true);
      out.push(mk(start, p, 'percent', a.value, '%', qualifierBefore(ft, start, g, lex), a));
    }
    return p;
  }
  const a = readDigits(tok, style, isPct);
  const per = readPer(ft, tail.end, g);
  let qualifier = qualifierBefore(ft, start, g, lex);
  if (qualifier === 'exact' && is(g.overAfter, ft, per.end)) qualifier = 'over';
  // In a range the smaller groups of a compound ("1 tỷ 500 triệu") belong to its upper bound.
  const c = mk(start, per.end, tail.kind, scale(a.value, tail.mult, tail.kind) + (rangeTok ? 0 : tail.extra), tail.unit, qualifier, a);
  c.perSpan = per.per;
  const last = out[out.length - 1];
  if (last?.role === 'achieved' && last.fe === start - 1 && tail.kind === 'money') c.role = 'plan';
  if (a.alt !== undefined && !rangeTok) c.alt = scale(a.alt, tail.mult, tail.kind) + tail.extra;
  if (rangeTok) c.rangeTo = scale(readDigits(rangeTok, style, isPct).value, tail.mult, tail.kind) + tail.extra;
  out.push(c);
  return per.end;
}

/** Number words: "hai mươi lăm hộ", "ba trăm triệu đồng", "một triệu hai", "hai tỷ rưỡi đồng". */
function scanWords(ft: string, start: number, matched: string, g: Grammar, lex: Lexicons, out: Candidate[]): number {
  // Each word with its own offset: words may be separated by more than one space.
  // Most matches are one word ("năm", "tư"): no split then.
  const spans = /\s/.test(matched) ? [...matched.matchAll(/\S+/g)].map((m) => ({ word: m[0], at: start + m.index })) : [{ word: matched, at: start }];
  const words = spans.map((s) => s.word);
  // Try from each word: "đầu tư hai tỷ" starts at "hai", not at the "tư" of "đầu tư".
  for (let k = 0; k < words.length; k++) {
    const read = readWords(words.slice(k), lex);
    if (!read) continue;
    const offset = spans[k].at;
    const last = spans[k + read.used - 1];
    const wEnd = last.at + last.word.length;
    if (isLabel(ft, offset, '', g)) return wEnd;
    // A trailing multiplier word was consumed by readWords: the tail is what follows.
    const tail = readTail(ft, wEnd, g, lex, false) ?? (read.multiplied && read.value >= 1e6 ? { kind: 'money' as const, unit: 'VND', mult: 1, extra: 0, end: wEnd } : null);
    if (!tail) return wEnd;
    const per = readPer(ft, tail.end, g);
    const c = mk(offset, per.end, tail.kind, scale(read.value, tail.mult, tail.kind), tail.unit, qualifierBefore(ft, offset, g, lex), { confidence: 0.9, decimals: 0 });
    c.perSpan = per.per;
    out.push(c);
    return per.end;
  }
  return start + matched.length;
}

/**
 * "Dự án 8", "năm 2023", "số 142/…" label the number after them; but "tổng số 95 dự án" counts,
 * and "mỗi năm 6,02%" / "tháng 2.933 người" are not dates (a date part has no separators).
 */
function isLabel(ft: string, pos: number, tok: string, g: Grammar): boolean {
  if (!g.labelEnds.has(wordBefore(ft, pos)) || !is(g.labelBefore, ft, pos) || is(g.notLabelBefore, ft, pos)) return false;
  return !(is(g.periodBefore, ft, pos) && /[.,]/.test(tok));
}

/** Char code -> 1 letter (L), 2 space (\\s), 0 other, as the regexes class them; learnt as met (-1). */
const CLASS = new Int8Array(65536).fill(-1);
const LETTER = new RegExp(`[${L}]`);
function classOf(c: number): number {
  const k = CLASS[c];
  if (k >= 0) return k;
  const ch = String.fromCharCode(c);
  return (CLASS[c] = LETTER.test(ch) ? 1 : /\s/.test(ch) ? 2 : 0);
}

/**
 * The word labelBefore would end with at `pos`: across spaces and at most one ':' or '.', the run
 * of letters before (a label ends with a whole word). Most numbers follow no label word.
 */
function wordBefore(ft: string, pos: number): string {
  let e = pos;
  while (e > 0 && classOf(ft.charCodeAt(e - 1)) === 2) e--;
  if (e > 0 && (ft.charCodeAt(e - 1) === 0x3a || ft.charCodeAt(e - 1) === 0x2e)) e--;
  while (e > 0 && classOf(ft.charCodeAt(e - 1)) === 2) e--;
  let s = e;
  while (s > 0 && classOf(ft.charCodeAt(s - 1)) === 1) s--;
  return ft.slice(s, e);
}

/** A label or document number: skip its whole token ("1719/QĐ-TTg", "55/2023/TT-BTC"). */
function skipLabel(ft: string, p: number): number {
  // Through a document number ("55/2023/TT-BTC") or a period ("2021 - 2025"), not into an amount
  // ("Dự án 4 – 12 tỷ đồng").
  const r = /(?:[\/\d.,a-zđ]|-(?=[a-zđ\d])|\s*[-–—]\s*(?=(?:19|20)\d\d(?!\d)))*/y;
  r.lastIndex = p;
  r.exec(ft);
  return Math.max(p, r.lastIndex);
}

function mk(
  fs: number,
  fe: number,
  kind: Figure['kind'],
  value: number,
  unit: string,
  qualifier: Figure['qualifier'],
  read: { confidence: number; decimals: number },
): Candidate {
  return { fs, fe, kind, value, unit, perSpan: null, of: null, rangeTo: null, qualifier, confidence: read.confidence, decimals: read.decimals, alt: null, role: null };
}
