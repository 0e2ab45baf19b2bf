// The extraction core as named passes: each declares the fields it writes, overrides are never
// silent, and every meaning field a figure carries says which pass, rule and phrase set it.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PASSES } from '../src/extract/passes/index.ts';
import { runPasses, set, type Pass } from '../src/extract/pass.ts';
import { buildState } from '../src/extract/state.ts';
import { extractFigures } from '../src/extract/document.ts';
import { MEANING_FIELDS } from '../src/extract/item.ts';
import { REPO_ROOT, SHARED_DIR } from '../src/eval/gold-load.ts';

const doc = (text: string) => ({ format: 'txt' as const, title: null, published: null, text, blocks: [] });
const SENTENCE = 'Kết quả đến 31/5/2024, tỉnh Điện Biên đã giải ngân 275.332 triệu đồng vốn Chương trình MTQG 1719, đạt 16,61% kế hoạch năm (trong đó vốn sự nghiệp 84.120 triệu đồng).';

describe('extraction passes', () => {
  it('are named once each and declare what they write', () => {
    const names = PASSES.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of PASSES) expect(p.writes.length, p.name).toBeGreaterThan(0);
  });

  it('refuse a write a pass did not declare', () => {
    const state = buildState(doc(SENTENCE));
    const rogue: Pass = { name: 'rogue', reads: [], writes: ['program'], run: (s) => set(s.items[0], 'metric', 'loan', 'test') };
    expect(() => runPasses([rogue], state)).toThrow(/rogue.*metric/);
  });

  it('record the value a later pass replaces', () => {
    const state = buildState(doc(SENTENCE));
    const first: Pass = { name: 'first', reads: [], writes: ['metric'], run: (s) => set(s.items[0], 'metric', 'allocated', 'rule A') };
    const second: Pass = { name: 'second', reads: [], writes: ['metric'], run: (s) => set(s.items[0], 'metric', 'disbursed', 'rule B') };
    runPasses([first, second], state);
    expect(state.items[0].metric).toBe('disbursed');
    expect(state.items[0].why.metric).toBe('second: rule B (over first: rule A)');
  });

  it('give the rule and phrase behind each field', () => {
    const [amount, rate, part] = extractFigures(doc(SENTENCE)).figures;
    expect(amount.why?.metric).toMatch(/^amounts: metrics\.disbursed: 'giải ngân'/);
    expect(amount.why?.asOf).toMatch(/dates\.asOf.*31\/5\/2024/);
    expect(rate.why?.rateOf).toMatch(/^rates: metrics\.rateVerbs: 'đạt'/);
    expect(part.why?.partOf).toMatch(/^parts: structure\.breakdown/);
    expect(part.why?.capital).toMatch(/funds\.capital\.sn/);
  });

  it('leave no meaning field of a seed figure without its reason', () => {
    const path = join(SHARED_DIR, 'seeds/004_0db5700fa8834a28.txt');
    if (!existsSync(path)) throw new Error(`../shared is missing (${path}): put the shared folder beside the checkout`);
    const figures = extractFigures(doc(readFileSync(path, 'utf8').normalize('NFC'))).figures;
    const unexplained = figures.flatMap((f) => MEANING_FIELDS.filter((k) => f[k] !== null && !f.why?.[k]).map((k) => `${f.id}.${k}`));
    expect(figures.length).toBeGreaterThan(500);
    expect(unexplained).toEqual([]);
  });

  it('are shown by solieu extract --explain', () => {
    const dir = mkdtempSync(join(tmpdir(), 'solieu-explain-'));
    const file = join(dir, 'claim.txt');
    writeFileSync(file, SENTENCE);
    const out = execFileSync(process.execPath, [join(REPO_ROOT, 'bin/solieu.js'), 'extract', file, '--explain'], { encoding: 'utf8' });
    expect(out).toContain('f1 "275.332 triệu đồng"');
    expect(out).toMatch(/metric\s+disbursed\s+← amounts: metrics\.disbursed: 'giải ngân'/);
    expect(out).toMatch(/rateOf\s+f1\s+← rates:/);
  });
});
