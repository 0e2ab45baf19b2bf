// Compiled patterns kept beside the build. Every process that extracts validates patterns/ with zod
// and compiles it into tables and regexes (~50 ms of a sandbox worker's start); the build keeps
// the result in dist/.patterns/, keyed by the bytes of every patterns/*.json and the build's id.
// A process of the same build over the same bytes revives it; any other (a phrase edited since
// the build, another SOLIEU_PATTERNS folder, a new build) compiles from patterns/ again and leaves
// its result for the next one. A checkout run through tsx (src/) keeps none: its code may differ
// from any build's.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { keepFile } from '../keep-file.ts';

/** Where snapshots are kept, and the id of the code that makes them. */
export interface SnapshotPlace {
  dir: string;
  buildId: string;
}

/** Hash of every *.json file of a patterns folder, by name and bytes. */
export function patternsDigest(dir: string): string {
  const h = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    h.update(name).update('\0').update(readFileSync(join(dir, name)));
  }
  return h.digest('hex');
}

/** In the build (dist/ holds .built, written by scripts/build.mjs with its id), dist/.patterns; else none.
 *  This module and the worker's bundle both sit one folder below dist/. */
function buildPlace(): SnapshotPlace | null {
  const dist = fileURLToPath(new URL('..', import.meta.url));
  try {
    return { dir: join(dist, '.patterns'), buildId: readFileSync(join(dist, '.built'), 'utf8') };
  } catch {
    return null;
  }
}

const BUILD = import.meta.url.endsWith('.js') ? buildPlace() : null;

// Maps, Sets, RegExps and the tables of a trie (Uint16Array, Int32Array, in base64) as tagged
// objects (the patterns data has no such keys).
const base64 = (a: Uint16Array | Int32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
const bytes = (s: string): ArrayBuffer => {
  const b = Buffer.from(s, 'base64');
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
const encode = (_key: string, v: unknown): unknown =>
  v instanceof Map ? { $map: [...v] } : v instanceof Set ? { $set: [...v] } : v instanceof RegExp ? { $re: [v.source, v.flags] }
  : v instanceof Uint16Array ? { $u16: base64(v) } : v instanceof Int32Array ? { $i32: base64(v) } : v;
const decode = (_key: string, v: unknown): unknown => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const o = v as { $map?: [unknown, unknown][]; $set?: unknown[]; $re?: [string, string]; $u16?: string; $i32?: string };
  return o.$map ? new Map(o.$map) : o.$set ? new Set(o.$set) : o.$re ? new RegExp(o.$re[0], o.$re[1])
    : o.$u16 !== undefined ? new Uint16Array(bytes(o.$u16)) : o.$i32 !== undefined ? new Int32Array(bytes(o.$i32)) : v;
};

/**
 * `make()` (plain data, Maps, Sets, RegExps), compiled from the patterns folder `patternsDir`: from
 * the snapshot `name` when one was kept for these bytes and this build, else made and kept.
 */
export function snapshotted<T>(name: string, patternsDir: string, make: () => T, place: SnapshotPlace | null = BUILD): T {
  return place ? keptValue(name, patternsDigest(patternsDir), make, place) : make();
}

/** `make()` (as for snapshotted, and typed arrays), made from `input` (all it depends on besides this
 *  build's code): from the snapshot `name` when one was kept for this input and build, else made and kept. */
export function keptValue<T>(name: string, input: string, make: () => T, place: SnapshotPlace | null = BUILD): T {
  if (!place) return make();
  const key = createHash('sha256').update(place.buildId).update('\0').update(input).digest('hex');
  try {
    const kept = JSON.parse(readFileSync(join(place.dir, `${name}.json`), 'utf8'), decode) as { key: string; value: T };
    if (kept.key === key) return kept.value;
  } catch {
    // None kept yet, or cut short: made below.
  }
  const value = make();
  // A build that cannot be written to (installed read-only) compiles on every start, as a checkout
  // does, without serialising what it cannot keep. What is kept must revive as what was made (a
  // function or an undefined field would not).
  keepFile(join(place.dir, `${name}.json`), () => JSON.stringify({ key, value }, encode), (text) => {
    if (!isDeepStrictEqual((JSON.parse(text, decode) as { value: T }).value, value)) throw new Error(`patterns snapshot ${name}: the compiled value does not survive JSON`);
  });
  return value;
}

/** Results of pure string functions kept for the next process of this build, by table file. */
const tables = new Map<string, { place: SnapshotPlace; name: string; results: Map<string, string>; added: boolean }>();

/**
 * `fn` (a pure function of one string), its results kept in the build for the next process: a
 * table by argument, so a changed argument (a phrase edited since) is simply a new entry, never
 * a stale one. Results made since the table was read are written by keepResults().
 */
export function keptResults(name: string, fn: (arg: string) => string, place: SnapshotPlace | null = BUILD): (arg: string) => string {
  if (!place) return fn;
  const file = join(place.dir, `${name}.json`);
  return (arg) => {
    let t = tables.get(file);
    if (!t) {
      let results = new Map<string, string>();
      try {
        const kept = JSON.parse(readFileSync(file, 'utf8')) as { buildId: string; results: [string, string][] };
        if (kept.buildId === place.buildId) results = new Map(kept.results);
      } catch {
        // None kept yet: made as asked.
      }
      tables.set(file, (t = { place, name, results, added: false }));
    }
    let r = t.results.get(arg);
    if (r === undefined) {
      t.results.set(arg, (r = fn(arg)));
      t.added = true;
    }
    return r;
  };
}

/** Writes the tables of keptResults that gained results (the sandbox worker, after its warm-up). */
export function keepResults(): void {
  for (const t of tables.values()) {
    if (!t.added) continue;
    keepFile(join(t.place.dir, `${t.name}.json`), () => JSON.stringify({ buildId: t.place.buildId, results: [...t.results] }));
    t.added = false;
  }
}
