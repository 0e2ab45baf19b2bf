// Compiled patterns kept beside the build. Every process that extracts validates patterns/ with zod
// and compiles it into tables and regexes (~50 ms of a sandbox worker's start); the build keeps
// the result in dist/.patterns/, keyed by the bytes of every patterns/*.json and the build's id.
// A process of the same build over the same bytes revives it; any other (a phrase edited since
// the build, another SOLIEU_PATTERNS folder, a new build) compiles from patterns/ again and leaves
// its result for the next one. A checkout run through tsx (src/) keeps none: its code may differ
// from any build's.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { keepFile } from '../keep-file.ts';

/** Where snapshots are kept, and the id of the code that makes them. */
export interface SnapshotPlace {
  dir: string;
  buildId: string;
}

/** The digests made, by folder, with the sizes and times of the files they were made from. */
const digests = new Map<string, { stamp: string; digest: string }>();

/** Hash of every *.json file of a patterns folder, by name and bytes. Made again only when a file's
 *  size or time has changed since (a worker asks three times at its start, ~1 ms a time). */
export function patternsDigest(dir: string): string {
  const names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  const stamp = names.map((name) => {
    const st = statSync(join(dir, name));
    return `${name}\0${st.size}\0${st.mtimeMs}`;
  }).join('\0');
  const known = digests.get(dir);
  if (known?.stamp === stamp) return known.digest;
  const h = createHash('sha256');
  for (const name of names) h.update(name).update('\0').update(readFileSync(join(dir, name)));
  const digest = h.digest('hex');
  digests.set(dir, { stamp, digest });
  return digest;
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

// A kept value is one file: a 4-byte length, the value as JSON, then the bytes of its typed arrays
// (the tables of a trie), each at an offset that suits its element size. The JSON holds Maps, Sets,
// RegExps and typed arrays as tagged objects (the patterns data has no such keys); the arrays are
// revived as views of the file's bytes. (In base64 inside the JSON, the 1.1 MB lead trie took ~6 ms
// of each worker's start to read and decode; as bytes, well under one.)
type Tagged = { $map?: unknown[]; $set?: unknown[]; $re?: [string, string]; $u16?: [number, number]; $i32?: [number, number] };

/** Bytes after `n` to the next multiple of 8 (where the arrays' bytes, and each array, start). */
const padTo8 = (n: number): number => (8 - (n % 8)) % 8;

/** The file's bytes for `value` (JSON first, then each typed array's bytes). */
function encodeKept(key: string, value: unknown): Buffer {
  const blobs: Buffer[] = [];
  let at = 0;
  const blob = (a: Uint16Array | Int32Array): [number, number] => {
    const pad = padTo8(at);
    if (pad) blobs.push(Buffer.alloc(pad));
    at += pad;
    blobs.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    const placed: [number, number] = [at, a.length];
    at += a.byteLength;
    return placed;
  };
  const json = Buffer.from(JSON.stringify({ key, value }, (_k, v: unknown) =>
    v instanceof Map ? { $map: [...v] } : v instanceof Set ? { $set: [...v] } : v instanceof RegExp ? { $re: [v.source, v.flags] }
    : v instanceof Uint16Array ? { $u16: blob(v) } : v instanceof Int32Array ? { $i32: blob(v) } : v));
  const head = Buffer.alloc(4);
  head.writeUInt32LE(json.length);
  return Buffer.concat([head, json, Buffer.alloc(padTo8(4 + json.length)), ...blobs]);
}

/** The key and value kept in `file`'s bytes; throws when they are cut short. */
function decodeKept(file: Buffer): { key: string; value: unknown } {
  const length = file.readUInt32LE(0);
  const base = file.byteOffset + 4 + length + padTo8(4 + length);
  const view = <A extends Uint16Array | Int32Array>(Type: { new (b: ArrayBufferLike, o?: number, n?: number): A; BYTES_PER_ELEMENT: number }, [offset, n]: [number, number]): A => {
    const start = base + offset;
    const end = start + n * Type.BYTES_PER_ELEMENT;
    if (end > file.byteOffset + file.length) throw new Error('kept value cut short');
    // A view where the bytes are aligned for it (a file read whole is), else a copy.
    return start % Type.BYTES_PER_ELEMENT === 0 ? new Type(file.buffer, start, n) : new Type(file.buffer.slice(start, end));
  };
  // A walk of the parsed JSON, not a reviver: a reviver's call per value took twice as long.
  const revive = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = revive(v[i]);
      return v;
    }
    const o = v as Tagged & Record<string, unknown>;
    if (o.$map) return new Map(revive(o.$map) as [unknown, unknown][]);
    if (o.$set) return new Set(revive(o.$set) as unknown[]);
    if (o.$re) return new RegExp(o.$re[0], o.$re[1]);
    if (o.$u16) return view(Uint16Array, o.$u16);
    if (o.$i32) return view(Int32Array, o.$i32);
    for (const k in o) o[k] = revive(o[k]);
    return o;
  };
  return revive(JSON.parse(file.toString('utf8', 4, 4 + length))) as { key: string; value: unknown };
}

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
  const file = join(place.dir, `${name}.kept`);
  try {
    const kept = decodeKept(readFileSync(file));
    if (kept.key === key) return kept.value as T;
  } catch {
    // None kept yet, or cut short: made below.
  }
  const value = make();
  // A build that cannot be written to (installed read-only) compiles on every start, as a checkout
  // does, without serialising what it cannot keep. What is kept must revive as what was made (a
  // function or an undefined field would not).
  keepFile(file, () => encodeKept(key, value), (bytes) => {
    if (!isDeepStrictEqual(decodeKept(bytes).value, value)) throw new Error(`patterns snapshot ${name}: the compiled value does not survive JSON`);
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
