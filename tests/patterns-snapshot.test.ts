// The build's snapshot of the compiled patterns (src/patterns/snapshot.ts): revived as what the
// patterns compile to, and never used for other bytes or another build.
import { describe, it, expect, beforeEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { PATTERNS_DIR } from '../src/patterns/dir.ts';
import { REPO_ROOT } from '../src/eval/gold-load.ts';
import { compileLexicons, type Lexicons } from '../src/patterns/lexicons.ts';
import { PlacesSchema } from '../src/patterns/places.ts';
import { keepResults, keptResults, keptValue, snapshotted, type SnapshotPlace } from '../src/patterns/snapshot.ts';

let place: SnapshotPlace;
let patterns: string;
beforeEach(() => {
  const dir = mkdtempSync(join(tmpdir(), 'solieu-snapshot-'));
  place = { dir: join(dir, 'kept'), buildId: 'build-1' };
  patterns = join(dir, 'patterns');
  cpSync(PATTERNS_DIR, patterns, { recursive: true });
});

/** The gazetteer of the copied patterns folder, counting how often it was compiled. */
let compiled = 0;
const places = () => (compiled++, PlacesSchema.parse(JSON.parse(readFileSync(join(patterns, 'places.json'), 'utf8'))));

describe('patterns snapshot', () => {
  it('revives the lexicons as they compile: tables, sets and regexes', () => {
    const made = snapshotted('lexicons', PATTERNS_DIR, compileLexicons, place);
    expect(readdirSync(place.dir)).toEqual(['lexicons.kept']);
    const revived = snapshotted('lexicons', PATTERNS_DIR, (): Lexicons => { throw new Error('compiled again'); }, place);
    expect(revived).not.toBe(made);
    expect(isDeepStrictEqual(revived, compileLexicons())).toBe(true);
    expect(revived.metricRe).toBeInstanceOf(RegExp);
    expect(revived.multiplier.get('tỷ')).toBe(made.multiplier.get('tỷ'));
  });

  it('compiles again when a patterns file changed since, and keeps that', () => {
    snapshotted('places', patterns, places, place);
    const file = join(patterns, 'places.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.provinces[0].aliases.push('Tên Mới');
    writeFileSync(file, JSON.stringify(data));
    compiled = 0;
    expect(snapshotted('places', patterns, places, place).provinces[0].aliases).toContain('Tên Mới');
    expect(snapshotted('places', patterns, places, place).provinces[0].aliases).toContain('Tên Mới');
    expect(compiled).toBe(1);
  });

  it('is not used by another build, nor when cut short', () => {
    snapshotted('places', patterns, places, place);
    compiled = 0;
    snapshotted('places', patterns, places, { ...place, buildId: 'build-2' });
    expect(compiled).toBe(1);
    const file = join(place.dir, 'places.kept');
    writeFileSync(file, readFileSync(file).subarray(0, 1000));
    expect(snapshotted('places', patterns, places, place).provinces.length).toBeGreaterThan(60);
    expect(compiled).toBe(2);
  });

  it('keeps a value by what it is made from, typed arrays included, and makes it again for other input', () => {
    let made = 0;
    const table = () => (made++, { width: 3, next: Uint16Array.from([0, 2, 65535]), ends: Int32Array.from([-1, 1 << 30]) });
    const first = keptValue('trie', 'leads-1', table, place);
    const revived = keptValue('trie', 'leads-1', table, place);
    expect(made).toBe(1);
    expect(revived).not.toBe(first);
    expect(revived.next).toBeInstanceOf(Uint16Array);
    expect(revived.ends).toBeInstanceOf(Int32Array);
    expect([...revived.next, ...revived.ends]).toEqual([0, 2, 65535, -1, 1 << 30]);
    keptValue('trie', 'leads-2', table, place);
    keptValue('trie', 'leads-1', table, { ...place, buildId: 'build-2' });
    expect(made).toBe(3);
    // Its arrays' bytes cut short (the JSON before them whole): made again, not read past the end.
    const file = join(place.dir, 'trie.kept');
    writeFileSync(file, readFileSync(file).subarray(0, -2));
    expect([...keptValue('trie', 'leads-1', table, { ...place, buildId: 'build-2' }).ends]).toEqual([-1, 1 << 30]);
    expect(made).toBe(4);
  });

  it('refuses a value that would not revive as made', () => {
    expect(() => snapshotted('odd', patterns, () => ({ f: () => 1 }), place)).toThrow('patterns snapshot odd: the compiled value does not survive JSON');
    expect(() => snapshotted('odd', patterns, () => ({ n: undefined }), place)).toThrow('does not survive JSON');
  });

  it('keeps the results of a function of strings for the next process of the same build', () => {
    const calls: string[] = [];
    const upper = (s: string) => (calls.push(s), s.toUpperCase());
    const first = keptResults('upper', upper, place);
    expect([first('ab'), first('ab'), first('cd')]).toEqual(['AB', 'AB', 'CD']);
    expect(calls).toEqual(['ab', 'cd']);
    keepResults();
    // The next process: the same file read afresh (another folder, so that this one's table is not reused).
    const next = { dir: join(place.dir, '..', 'next'), buildId: place.buildId };
    mkdirSync(next.dir);
    copyFileSync(join(place.dir, 'upper.json'), join(next.dir, 'upper.json'));
    const again = keptResults('upper', upper, next);
    expect([again('ab'), again('cd'), again('ef')]).toEqual(['AB', 'CD', 'EF']);
    expect(calls).toEqual(['ab', 'cd', 'ef']);
    // Another build's results are not taken.
    const other = { dir: join(place.dir, '..', 'other'), buildId: 'build-2' };
    mkdirSync(other.dir);
    copyFileSync(join(place.dir, 'upper.json'), join(other.dir, 'upper.json'));
    expect(keptResults('upper', upper, other)('ab')).toBe('AB');
    expect(calls).toEqual(['ab', 'cd', 'ef', 'ab']);
  });

  it('a phrase added to patterns/ takes effect at once, and is gone once removed', () => {
    // Through bin/solieu.js: the build when it is current, whose worker revives what it kept.
    const text = join(patterns, '..', 'a.txt');
    writeFileSync(text, 'Năm 2024, huyện Mường Nhé tỉnh Điện Biên đã xúc tiến chi 100 triệu đồng.');
    const metric = (dir: string) => {
      const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/solieu.js'), 'extract', text, '--json'], { encoding: 'utf8', env: { ...process.env, SOLIEU_PATTERNS: dir } });
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout).figures[0].metric;
    };
    expect(metric(patterns)).toBe('other');
    const file = join(patterns, 'metrics.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.metrics.disbursed.push('xúc tiến chi');
    writeFileSync(file, JSON.stringify(data));
    expect(metric(patterns)).toBe('disbursed');
    cpSync(join(PATTERNS_DIR, 'metrics.json'), file);
    expect(metric(patterns)).toBe('other');
  });
});
