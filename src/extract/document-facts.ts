// Facts about the whole document that figures fall back on: its title line, its date (from the
// parser, or a news dateline such as "Chiều 23/7" / "10/08/2022 15:30"), and its home place (the
// province it is mostly about, and the district when it names only one).
import type { ParsedDocument } from '../contract/parsed.ts';
import type { Figure } from '../contract/schema.ts';
import type { Heading } from '../text/structure.ts';
import { compiled, type Lexicons } from '../patterns/lexicons.ts';
import { resolvePlaces, type PlaceMatch } from './places.ts';
import { isoDate, mostFrequent } from './mentions.ts';
import { foldPhrase } from '../text/fold.ts';
import { provinceOfHost } from '../patterns/places.ts';

export interface DocumentFacts {
  title: string | null;
  /** The title as the outermost heading (level 0), in folded offsets. */
  titleHeading: Heading | null;
  published: string | null;
  home: Figure['location'];
  /** Where the home place was read. */
  homeWhy: string;
}

export function documentFacts(parsed: ParsedDocument, text: string, ft: string, inv: (pos: number) => number, lex: Lexicons, places: readonly PlaceMatch[]): DocumentFacts {
  const t = titleLine(text, lex);
  const titleHeading = t ? { start: inv(t.start), end: inv(t.end), level: 0 } : null;
  const title = parsed.title ?? (t ? text.slice(t.start, t.end).replace(/\s+/g, ' ').trim() : null);
  const titleFolded = titleHeading ? ft.slice(titleHeading.start, titleHeading.end) : '';
  const published = parsed.published ?? dateline(ft, titleFolded, lex);
  const home = homePlace(ft, lex, places);
  // A text naming no place at all, published on a province's portal or paper, is that province's.
  const site = !home && places.length === 0 && parsed.host ? provinceOfHost(parsed.host) : null;
  if (site) return { title, titleHeading, published, home: { province: site.name, district: null, current: site.current }, homeWhy: `the site's province (its address: '${parsed.host}')` };
  return { title, titleHeading, published, home, homeWhy: 'the document\'s place (title or letterhead)' };
}

interface Line {
  start: number;
  line: string;
}

/** The title: the document type line of an official letterhead, else the opening lines. */
function titleLine(text: string, lex: Lexicons): { start: number; end: number } | null {
  const lines = [...text.slice(0, 2000).matchAll(/[^\n]*\n?/g)].map((m) => ({ start: m.index, line: m[0].replace(/\n$/, '') }));
  return officialTitle(lines, lex) ?? openingLines(lines);
}

/**
 * "UBND TỈNH … / Số: 38/BC-UBND / …, ngày … / BÁO CÁO / Tình hình thực hiện …": the title is the
 * capitalised document type and its subject, which follows on the same line or the next ones.
 */
function officialTitle(lines: Line[], lex: Lexicons): { start: number; end: number } | null {
  for (let k = 0; k < Math.min(lines.length, 15); k++) {
    const t = lines[k].line.trim();
    const type = lex.documentTypeRe.exec(foldPhrase(t));
    if (!type || t.slice(0, type[0].length) !== t.slice(0, type[0].length).toUpperCase()) continue;
    let last = k;
    // A bare "BÁO CÁO": the subject lines after it, up to a blank line or a sentence.
    if (t.length <= type[0].length + 2) {
      while (last + 1 < lines.length && last - k < 3 && lines[last + 1].line.trim() !== '' && !/[.:;]$/.test(lines[last + 1].line.trim())) last++;
    }
    const start = lines[k].start + lines[k].line.search(/\S/);
    return { start, end: lines[last].start + lines[last].line.trimEnd().length };
  }
  return null;
}

/**
 * A short first line, or the capitalised lines a report opens with (the agency, then "BÁO CÁO …"),
 * which may run over a few lines ("BÁO CÁO" / "Kết quả giám sát …").
 */
function openingLines(lines: Line[]): { start: number; end: number } | null {
  const first = lines.findIndex((l) => l.line.trim() !== '');
  if (first < 0) return null;
  const start = lines[first].start + lines[first].line.search(/\S/);
  let last = first;
  const caps = (s: string) => /\p{Lu}/u.test(s) && s === s.toUpperCase();
  // Capitalised opening lines, and one line after a bare "BÁO CÁO", belong together.
  while (last + 1 < lines.length && last - first < 3 && caps(lines[last].line.trim()) && lines[last + 1].line.trim() !== '' && (caps(lines[last + 1].line.trim()) || lines[last].line.trim().length <= 20)) last++;
  const end = lines[last].start + lines[last].line.trimEnd().length;
  const candidate = lines.slice(first, last + 1).map((l) => l.line).join('\n').trim();
  if (candidate.length > 400 || /[.:;]$/.test(candidate)) return null;
  return { start, end };
}

/** "Sơn La, ngày 08 tháng 10 năm 2024": the place and date line of an official letterhead. */
const issuedRe = new RegExp(`(?:^|\\n)[ \\t]*[^\\n,]{2,40},\\s*${foldPhrase('ngày')}\\s+(\\d{1,2})\\s+${foldPhrase('tháng')}\\s+(\\d{1,2})\\s+${foldPhrase('năm')}\\s+(\\d{4})`);

const daylineRe = (lex: Lexicons) =>
  new RegExp(`(?:^|\\n|\\s[-–]\\s)\\s*(?:${lex.dayPartAlt})\\s*\\(?\\s*(\\d{1,2})\\/(\\d{1,2})(?:\\/(\\d{4}))?\\s*\\)?`);

/** "Chiều 23/7", "Chiều nay (10/8)", "10/08/2022 15:30" near the top; the year from the title or text. */
function dateline(ft: string, titleFolded: string, lex: Lexicons): string | null {
  const head = ft.slice(0, 600);
  const issued = issuedRe.exec(ft.slice(0, 1200));
  if (issued) return isoDate(Number(issued[3]), Number(issued[2]), Number(issued[1]));
  // "10/08/2022 15:30" or "14:20, 05/11/2023" (a date beside a time is a publication stamp).
  const full = /(\d{1,2})\/(\d{1,2})\/(\d{4})\s+\d{1,2}:\d{2}/.exec(head) ?? /\d{1,2}:\d{2}\s*,?\s*(?:\p{L}+\s*,?\s*)?(\d{1,2})\/(\d{1,2})\/(\d{4})/u.exec(head);
  if (full) return isoDate(Number(full[3]), Number(full[2]), Number(full[1]));
  // A line of its own near the top holding only a date, a time and stamp words: "28/12/2023 | 14:20",
  // "Cập nhật: 12/03/2025", "Thứ Tư, 16/10/2024 07:45 (GMT+7)".
  for (const line of head.split('\n', 5)) {
    const date = /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\d/])/.exec(line);
    if (date && lex.stampLine.test(line)) return isoDate(Number(date[3]), Number(date[2]), Number(date[1]));
  }
  // At the start of a line or after a byline ("ĐBP - Chiều nay (10/8)"), not "Nghị quyết … ngày 02/8/2024".
  const part = compiled(lex, daylineRe).exec(head);
  if (!part) return null;
  const year = part[3] ? Number(part[3]) : likelyYear(titleFolded) ?? likelyYear(ft);
  return year ? isoDate(year, Number(part[2]), Number(part[1])) : null;
}

/** The most frequent single year in a text (years inside "2021-2025" periods do not count). */
function likelyYear(s: string): number | null {
  return mostFrequent([...s.matchAll(/(?<![\d\-–])(20\d{2})(?!\s*[-–]\s*\d)(?!\d)/g)].map((m) => Number(m[1])));
}

/**
 * The province a text is mostly about; and its district when it names only one district and names
 * it at least as often as the province (a district report: "huyện Sốp Cộp", "Trạm Tấu").
 */
function homePlace(ft: string, lex: Lexicons, places: readonly PlaceMatch[]): Figure['location'] {
  const byProvince = new Map<string, number>();
  for (const m of resolvePlaces(places, null)) byProvince.set(m.province, (byProvince.get(m.province) ?? 0) + 1);
  let province: string | null = null;
  for (const [p, n] of byProvince) if (province === null || n > byProvince.get(province)!) province = p;
  if (!province) return null;
  // A national text naming many provinces once each ("Hậu Giang (72%), Ninh Thuận (50%), …") has
  // no home: the top province must be named twice, and hold a third of the mentions.
  const total = [...byProvince.values()].reduce((a, b) => a + b, 0);
  const top = byProvince.get(province)!;
  if (byProvince.size > 1 && (top < 2 || top * 3 < total)) return null;
  // Second pass: bare district names count once the home province is known.
  const mentions = resolvePlaces(places, province).filter((m) => m.province === province);
  const districtMentions = mentions.filter((m) => m.district !== null && !m.byline);
  const districts = new Set(districtMentions.map((m) => m.district));
  // "Toàn tỉnh", "UBND tỉnh" speak for a provincial report; "toàn huyện", "UBND huyện" for a district's.
  // (Counted only for a text naming one district: the scans are whole-text.)
  const oneDistrict = districts.size === 1 && districtMentions.length + count(lex.districtScopeRe, ft) > mentions.length - districtMentions.length + count(lex.provinceScopeRe, ft);
  const district = oneDistrict ? [...districts][0]! : null;
  return { province, district, current: mentions[0]!.current };
}

function count(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(s)) n++;
  return n;
}
