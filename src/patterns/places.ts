// The gazetteer as data: patterns/places.json (63 former provinces, their current province since
// 1 July 2025, aliases, districts as of 2024, abbreviations, worked examples). Schema, loader, lookups.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LocationSchema } from '../contract/schema.ts';
import { PATTERNS_DIR } from './dir.ts';
import { snapshotted } from './snapshot.ts';
import { foldPhrase } from '../text/fold.ts';
import { fold as searchFold } from '../store/fold.ts';

export const PROVINCE_KINDS = ['tỉnh', 'thành phố'] as const;
export const DISTRICT_KINDS = ['huyện', 'thị xã', 'thành phố', 'quận'] as const;

/** A place name: non-empty, trimmed, NFC, without its administrative prefix. */
const PlaceName = z
  .string()
  .min(1)
  .refine((s) => s === s.normalize('NFC'), 'must be NFC')
  .refine((s) => s === s.trim() && !/\s{2}/.test(s), 'must be trimmed, single-spaced');

export const DistrictSchema = z.object({
  name: PlaceName,
  kind: z.enum(DISTRICT_KINDS),
  /** Other spellings in use (Đăk/Đắk, KBang/Kbang); tone placement variants are handled by code. */
  aliases: z.array(PlaceName).optional(),
});
export type District = z.infer<typeof DistrictSchema>;

export const ProvinceSchema = z.object({
  name: PlaceName,
  kind: z.enum(PROVINCE_KINDS),
  /** The provincial unit it belongs to since 1 July 2025 (itself if unchanged or absorbing). */
  current: PlaceName,
  aliases: z.array(PlaceName),
  /** Districts as of 2024; empty means not listed (unknown), not that there are none. */
  districts: z.array(DistrictSchema),
});
export type Province = z.infer<typeof ProvinceSchema>;

export const AbbreviationSchema = z.object({
  text: z.string().min(1),
  province: PlaceName,
  district: PlaceName.nullable(),
  /** Also used as a newspaper byline ("ĐBP - ..."), where it stands for the province only. */
  byline: z.boolean().optional(),
  note: z.string().optional(),
});
export type Abbreviation = z.infer<typeof AbbreviationSchema>;

export const PlaceExampleSchema = z.object({
  text: z.string().min(1),
  figures: z.array(z.object({ text: z.string().min(1), location: LocationSchema })).min(1),
});
export type PlaceExample = z.infer<typeof PlaceExampleSchema>;

export const PlacesSchema = z
  .object({
    description: z.string().min(1),
    provinces: z.array(ProvinceSchema).min(1),
    abbreviations: z.array(AbbreviationSchema),
    /** Words that name a place's rank before its name ("tỉnh", "huyện", "thành phố"). */
    provinceWords: z.array(z.string().min(1)),
    districtWords: z.array(z.string().min(1)),
    /** Words for a city, which may be a province (Hà Nội) or a district (thành phố Bắc Kạn). */
    cityWords: z.array(z.string().min(1)),
    /** Abbreviated rank words and the rank they stand for ("tx." -> "thị xã"). */
    rankAbbreviations: z.record(z.string().min(1), z.enum(DISTRICT_KINDS)),
    examples: z.array(PlaceExampleSchema),
  })
  .superRefine((p, ctx) => {
    const names = new Set(p.provinces.map((x) => x.name));
    p.provinces.forEach((x, i) => {
      if (!names.has(x.current))
        ctx.addIssue({ code: 'custom', path: ['provinces', i, 'current'], message: `unknown current province ${x.current}` });
    });
    p.abbreviations.forEach((a, i) => {
      if (!names.has(a.province))
        ctx.addIssue({ code: 'custom', path: ['abbreviations', i, 'province'], message: `unknown province ${a.province}` });
    });
    p.examples.forEach((e, i) =>
      e.figures.forEach((f, j) => {
        if (!e.text.includes(f.text))
          ctx.addIssue({ code: 'custom', path: ['examples', i, 'figures', j, 'text'], message: `"${f.text}" not in example text` });
      }),
    );
  });
export type Places = z.infer<typeof PlacesSchema>;

export const PLACES_FILE = 'places.json';

let cache: { dir: string; places: Places } | null = null;

/** Reads, validates and caches patterns/places.json (throws with the first issue if invalid). */
export function loadPlaces(dir: string = PATTERNS_DIR): Places {
  // Keyed by the folder as given: extraction asks for the gazetteer per place it resolves.
  if (cache && cache.dir === dir) return cache.places;
  // In the build, validated once for these bytes (a snapshot, ./snapshot.ts).
  const places = snapshotted('places', dir, () => {
    const path = join(dir, PLACES_FILE);
    const parsed = PlacesSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${path}: not a gazetteer: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    return parsed.data;
  });
  cache = { dir, places };
  index = null;
  return places;
}

/**
 * A comparison key insensitive to case, Unicode normalization and tone-mark placement
 * ("Hoà Bình" and "Hòa Bình", "Thuỷ" and "Thủy" share a key): the extractor's own folding.
 */
export function placeKey(s: string): string {
  return foldPhrase(s.trim().replace(/\s+/g, ' '));
}

interface Index {
  exact: Map<string, Province>;
  byKey: Map<string, Province>;
}
let index: Index | null = null;

function getIndex(): Index {
  const places = loadPlaces();
  if (index) return index;
  const exact = new Map<string, Province>();
  const byKey = new Map<string, Province>();
  for (const p of places.provinces) {
    for (const n of [p.name, ...p.aliases]) {
      exact.set(n, p);
      byKey.set(placeKey(n), p);
    }
  }
  index = { exact, byKey };
  return index;
}

/** The former (pre-July-2025) province named `name` (official name or alias; NFC; tone placement ignored). */
export function findProvince(name: string): Province | null {
  const { exact, byKey } = getIndex();
  const n = name.normalize('NFC').trim();
  return exact.get(n) ?? byKey.get(placeKey(n)) ?? null;
}

/** The current (since 1 July 2025) province of a province named by official name or alias; null if unknown. */
export function currentOf(provinceName: string): string | null {
  return findProvince(provinceName)?.current ?? null;
}

/** Districts of `province` (or of every listed province) whose name or alias matches `name`. */
export function findDistricts(name: string, province?: string): { province: Province; district: District }[] {
  const key = placeKey(name);
  const scope = province ? [findProvince(province)].filter((p): p is Province => p !== null) : loadPlaces().provinces;
  const out: { province: Province; district: District }[] = [];
  for (const p of scope) {
    for (const d of p.districts) {
      if ([d.name, ...(d.aliases ?? [])].some((n) => placeKey(n) === key)) out.push({ province: p, district: d });
    }
  }
  return out;
}

/** A name as a web address writes it: folded, no spaces ("Quảng Nam" -> "quangnam"). */
function hostForm(name: string): string {
  return searchFold(name).replace(/[^a-z0-9]/g, '');
}

let hostForms: { form: string; province: Province }[] | null = null;

/**
 * The province whose name a web host carries: provincial portals and papers are named for their
 * province (kontum.gov.vn, sldtbxh.quangnam.gov.vn, baolangson.vn, kontumtv.vn). A host label must
 * hold the whole name; a short name (Huế) must be the whole label or follow "bao". Longest first,
 * so "thuathienhue" is not read as "hue". Null when no label names a province, or two do.
 */
export function provinceOfHost(host: string): Province | null {
  hostForms ??= loadPlaces()
    .provinces.flatMap((p) => [p.name, ...p.aliases].map((n) => ({ form: hostForm(n), province: p })))
    .filter((x) => x.form.length >= 3)
    .sort((a, b) => b.form.length - a.form.length);
  const found = new Set<Province>();
  for (const label of host.toLowerCase().split('.')) {
    const hit = hostForms.find(({ form }) => (form.length >= 5 ? label.includes(form) : label === form || label === `bao${form}`));
    if (hit) found.add(hit.province);
  }
  return found.size === 1 ? [...found][0] : null;
}
