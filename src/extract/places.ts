// Place mentions from the gazetteer (patterns/places.json): provinces and their aliases, districts
// (with "huyện"/"thị xã"/"thành phố"/"quận", or bare when they belong to the document's province),
// and abbreviations such as "ĐBP". Matching is on folded text, so tone placement does not matter.
import { loadPlaces, type Places } from '../patterns/places.ts';
import { alternation, L } from '../patterns/lexicons.ts';
import { foldPhrase } from '../text/fold.ts';
import type { Led, LedHits } from '../text/led-scan.ts';

export interface PlaceMention {
  /** Folded span. */
  fs: number;
  fe: number;
  /** Where the name itself starts (after "huyện", "tỉnh" …). */
  nameFs: number;
  province: string;
  district: string | null;
  current: string;
  /** Named with an administrative word ("huyện X", "tỉnh Y"). */
  prefixed: boolean;
  /** "ĐBP - …": a newspaper byline, standing for the province. */
  byline: boolean;
}

export interface Entry {
  province: string;
  district: string | null;
  current: string;
  kind: string;
}

interface Gazetteer {
  re: RegExp;
  /** Every phrase a match starts with: the administrative words and the names. */
  leads: string[];
  byName: Map<string, Entry[]>;
}

let cached: Gazetteer | null = null;


function build(places: Places): Gazetteer {
  const byName = new Map<string, Entry[]>();
  const add = (name: string, e: Entry) => {
    const k = foldPhrase(name);
    const list = byName.get(k) ?? [];
    list.push(e);
    byName.set(k, list);
  };
  for (const p of places.provinces) {
    const e = { province: p.name, district: null, current: p.current, kind: p.kind };
    for (const n of [p.name, ...p.aliases]) add(n, e);
    for (const d of p.districts) {
      const de = { province: p.name, district: d.name, current: p.current, kind: d.kind };
      for (const n of [d.name, ...(d.aliases ?? [])]) add(n, de);
    }
  }
  for (const a of places.abbreviations) {
    const cur = places.provinces.find((p) => p.name === a.province)!.current;
    add(a.text, { province: a.province, district: a.district, current: cur, kind: a.byline ? 'byline' : 'abbr' });
  }
  const words = [...places.provinceWords, ...places.districtWords, ...places.cityWords];
  const prefix = `(?:(${alternation(words)})\\s*)?`;
  const re = new RegExp(`(?<![${L}])${prefix}(${alternation([...byName.keys()])})(?![${L}])`, 'g');
  return { re, leads: [...words, ...byName.keys()], byName };
}

function gazetteer(): Gazetteer {
  return (cached ??= build(loadPlaces()));
}

/** A name from the gazetteer found in the text, before deciding which place it is. */
export interface PlaceMatch {
  fs: number;
  fe: number;
  nameFs: number;
  word: string | null;
  entries: Entry[];
  bylineDash: boolean;
}

/** The gazetteer's regex with the phrases its matches start with, for the one-pass scan (extract/hits.ts). */
export function gazetteerLed(): Led {
  const g = gazetteer();
  return { re: g.re, leads: g.leads };
}

/**
 * Every gazetteer name in folded text (resolvePlaces decides what each names), from the text's
 * one-pass scan. `capitalAt` says whether the original text has a capital letter at a folded
 * offset: a name without its administrative word must be capitalised ("Tam Nông", not "chính
 * sách tam nông").
 */
export function findPlaceMatches(ft: string, hits: LedHits, capitalAt?: (fs: number) => boolean): PlaceMatch[] {
  const g = gazetteer();
  const out: PlaceMatch[] = [];
  for (const m of hits.of(g.re)) {
    const fe = m.index + m[0].length;
    if (m[1] === undefined && capitalAt && !capitalAt(fe - m[2].length)) continue;
    out.push({ fs: m.index, fe, nameFs: fe - m[2].length, word: m[1] ?? null, entries: g.byName.get(m[2]) ?? [], bylineDash: /^\s*-/.test(ft.slice(fe, fe + 3)) });
  }
  return out;
}

/**
 * "huyện Vĩnh Thạnh", "thị xã Vĩnh Châu": a district the gazetteer does not list, named with its
 * administrative word and capitalised in the original text. Its province is the document's own.
 */
export function findUnlistedDistricts(text: string, toFolded: (pos: number) => number, listed: readonly PlaceMatch[]): PlaceMatch[] {
  const taken = new Set(listed.map((m) => m.nameFs));
  const out: PlaceMatch[] = [];
  for (const m of text.matchAll(unlistedRe())) {
    const nameStart = m.index + m[0].length - m[2].length;
    const nameFs = toFolded(nameStart);
    if (taken.has(nameFs)) continue;
    const district: Entry = { province: '', district: m[2], current: '', kind: 'huyện' };
    out.push({ fs: toFolded(m.index), fe: toFolded(m.index + m[0].length), nameFs, word: foldPhrase(m[1]), entries: [district], bylineDash: false });
  }
  return out;
}

let unlisted: RegExp | null = null;
/** The district words in their written cases, then a name whose words are capitalised then lower case ("Nậm Xyz", not "UBND"). */
function unlistedRe(): RegExp {
  if (unlisted) return unlisted;
  const cased = loadPlaces().districtWords.flatMap((w) => [w, w[0].toUpperCase() + w.slice(1), w.replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase()), w.toUpperCase()]);
  const words = [...new Set(cased)].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return (unlisted = new RegExp(`(?<![\\p{L}\\p{M}])(${words})\\s+(\\p{Lu}[\\p{Ll}\\p{M}']+(?:[ \\u00a0]\\p{Lu}[\\p{Ll}\\p{M}']+){0,3})(?![\\p{L}\\p{M}])`, 'gu'));
}

/** The places the matches name; bare district names count only in `homeProvince`. */
export function resolvePlaces(matches: readonly PlaceMatch[], homeProvince: string | null, homeCurrent: string | null = null): PlaceMention[] {
  const out: PlaceMention[] = [];
  for (let k = 0; k < matches.length; k++) {
    const m = matches[k];
    // "huyện Châu Thành, tỉnh Trà Vinh", "huyện Sơn Tây (Quảng Ngãi)": the province named right after.
    const next = matches[k + 1];
    const after = next && next.fs - m.fe <= 3 ? next.entries.find((e) => e.district === null && e.kind !== 'byline' && e.kind !== 'abbr') : undefined;
    let pick = choose(m.entries, m.word, after?.province ?? homeProvince);
    if (pick && pick.province === '') pick = homeProvince && homeCurrent ? { ...pick, province: homeProvince, current: homeCurrent } : null;
    if (!pick) continue;
    const byline = pick.kind === 'byline' && m.bylineDash;
    out.push({
      fs: m.fs,
      fe: m.fe,
      nameFs: m.nameFs,
      province: pick.province,
      // A byline stands for the province; elsewhere the abbreviation names its district.
      district: byline ? null : pick.district,
      current: pick.current,
      prefixed: m.word !== null,
      byline,
    });
  }
  return out;
}

const foldedSet = (words: string[]) => new Set(words.map(foldPhrase));
interface Ranks {
  district: Set<string>;
  city: Set<string>;
  /** Folded rank word -> the rank it names ("tx." -> "thị xã"). */
  kind: Map<string, string>;
}
let rankWords: Ranks | null = null;
function ranks(): Ranks {
  const p = loadPlaces();
  return (rankWords ??= {
    district: foldedSet(p.districtWords),
    city: foldedSet(p.cityWords),
    kind: new Map(Object.entries(p.rankAbbreviations).map(([w, k]) => [foldPhrase(w), k])),
  });
}

function choose(entries: Entry[], word: string | null, home: string | null): Entry | null {
  const provinces = entries.filter((e) => e.district === null && e.kind !== 'byline' && e.kind !== 'abbr');
  const districts = entries.filter((e) => e.district !== null && e.kind !== 'byline' && e.kind !== 'abbr');
  // "huyện Điện Biên", and "thành phố Bắc Kạn" where the province is a tỉnh, name the district.
  const { district: DISTRICT_ONLY, city: CITY, kind: RANK } = ranks();
  const districtWord = word !== null && (DISTRICT_ONLY.has(word) || (CITY.has(word) && !provinces.some((p) => p.kind === 'thành phố')));
  if (districtWord) {
    // "thị xã Hoàng Mai" is Nghệ An's thị xã, not Hà Nội's quận: the rank word says which.
    const kind = RANK.get(word) ?? word;
    const d = districts.find((e) => e.province === home && e.kind === kind) ?? districts.find((e) => e.province === home) ?? districts.find((e) => e.kind === kind) ?? districts[0];
    if (d) return d;
  }
  if (provinces.length) return provinces[0];
  const abbr = entries.find((e) => e.kind === 'byline' || e.kind === 'abbr');
  if (abbr) return abbr;
  // A bare district name counts only inside the document's own province (many names repeat).
  if (!word) return districts.find((e) => e.province === home) ?? null;
  return districts[0] ?? null;
}
