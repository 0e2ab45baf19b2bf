// A pass is one named step of extraction (the way chrono-node lists parsers and refiners): it
// declares the fields it reads and writes, and writes meaning fields only through `set`, which
// records the rule and phrase behind each value and says so when it replaces another pass's value.
import type { Item, MeaningField } from './item.ts';
import type { DocState } from './state.ts';

export interface Pass {
  name: string;
  /** What it needs: state members and item fields (documentation, checked by the order test). */
  reads: readonly string[];
  /** The meaning fields it may set (enforced by `set`), or 'candidate' for a pass that rereads numbers. */
  writes: readonly (MeaningField | 'candidate' | 'items')[];
  run(state: DocState): void;
}

let active: Pass | null = null;

export function runPasses(passes: readonly Pass[], state: DocState): void {
  for (const p of passes) {
    active = p;
    try {
      p.run(state);
    } finally {
      active = null;
    }
  }
}

/**
 * Sets a meaning field with its reason. A pass may only write what it declares; a value that
 * replaces another pass's keeps the earlier reason after "over", so an override is never silent.
 */
export function set<F extends MeaningField>(it: Item, field: F, value: Item[F], rule: string): void {
  const pass = active?.name ?? 'direct';
  if (active && !active.writes.includes(field)) throw new Error(`pass '${pass}' writes '${field}' without declaring it`);
  const prev = it.why[field];
  // Same value again (places are objects): keep the first reason.
  if (prev !== undefined && sameValue(value, it[field])) return;
  it[field] = value;
  if (value === null) {
    if (prev !== undefined) it.why[field] = `${pass}: ${rule} (cleared; was ${prev})`;
    return;
  }
  const why = `${pass}: ${rule}`;
  it.why[field] = prev === undefined || prev.startsWith(`${pass}:`) ? why : `${why} (over ${prev.split(' (over ')[0]})`;
}

/** Equal values, places (flat objects) compared by their fields. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  const ra = a as Record<string, unknown>, rb = b as Record<string, unknown>;
  return ka.length === Object.keys(b).length && ka.every((k) => ra[k] === rb[k]);
}
