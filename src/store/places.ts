// Place names in queries: the gazetteer's aliases ("TP HCM") resolve to the official name, and a
// name we do not know gets a suggestion ("Dien Bein" -> Điện Biên) by Jaro-Winkler similarity of
// the folded names.
import { createRequire } from 'node:module';
import { loadPlaces } from '../patterns/places.ts';
import { fold } from './fold.ts';

// natural's package entry loads slowly and prints on stdout; its distance module alone does not.
const jaroWinkler = createRequire(import.meta.url)('natural/lib/natural/distance/jaro-winkler_distance.js') as (a: string, b: string) => number;

/** Below this similarity a "did you mean" helps less than it misleads. */
const SUGGEST_AT = 0.85;

interface Names {
  /** folded name or alias -> official name */
  provinces: Map<string, string>;
  districts: Map<string, string>;
  /** folded names of today's provinces (each is its own current province) */
  current: Set<string>;
}

let names: Names | null = null;
function known(): Names {
  if (names) return names;
  const provinces = new Map<string, string>();
  const districts = new Map<string, string>();
  const current = new Set<string>();
  for (const p of loadPlaces().provinces) {
    current.add(fold(p.current));
    for (const n of [p.name, ...p.aliases]) provinces.set(fold(n), p.name);
    for (const d of p.districts) for (const n of [d.name, ...(d.aliases ?? [])]) districts.set(fold(n), d.name);
  }
  names = { provinces, districts, current };
  return names;
}

/** Folded keys a province query matches: as typed, and the official name of an alias. */
export function provinceKeys(name: string): string[] {
  const typed = fold(name);
  const official = known().provinces.get(typed);
  return [...new Set([typed, ...(official ? [fold(official)] : [])])];
}

/** Whether a folded province key names a province as it is today (after the 2025 mergers). */
export function isCurrentProvince(key: string): boolean {
  return known().current.has(key);
}

/** The closest known name when `name` is not one, or null. */
export function suggestPlace(name: string, level: 'province' | 'district'): string | null {
  const table = level === 'province' ? known().provinces : known().districts;
  const key = fold(name);
  if (table.has(key)) return null;
  let best: { name: string; score: number } | null = null;
  for (const [k, official] of table) {
    const score = jaroWinkler(key, k);
    if (!best || score > best.score) best = { name: official, score };
  }
  return best && best.score >= SUGGEST_AT ? best.name : null;
}
