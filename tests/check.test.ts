// `solieu check` on the real seeds: claims a journalist could have read, each checked by hand
// against the seed text (values quoted in the comments).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDb, type Db } from '../src/store/db.ts';
import { ingestFile } from '../src/store/ingest.ts';
import { auditStore } from '../src/store/findings.ts';
import { checkClaim } from '../src/check/index.ts';
import { CheckResultSchema } from '../src/check/verdict.ts';
import { allowedBy, halfStep, contains } from '../src/check/interval.ts';
import { restoreDiacritics } from '../src/check/accents.ts';

const SEEDS = resolve('../shared/seeds');
let dir: string;
let dbPath: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'solieu-check-'));
  dbPath = join(dir, 'seeds.sqlite');
  const w = openDb(dbPath);
  for (const f of readdirSync(SEEDS).sort()) expect((await ingestFile(w, join(SEEDS, f))).status).toBe('ingested');
  auditStore(w);
  w.close();
  db = openDb(dbPath, { readonly: true });
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const check = (claim: string) => CheckResultSchema.parse(checkClaim(db, claim));

describe('wording to an interval', () => {
  it('rounds as written and reads qualifiers', () => {
    expect(halfStep('275 tỷ đồng', 275e9)).toBe(0.5e9);
    expect(halfStep('275,3 tỷ đồng', 275.3e9)).toBeCloseTo(0.05e9);
    expect(halfStep('275.332 triệu đồng', 275.332e9)).toBe(0.5e6);
    expect(halfStep('16,61%', 16.61)).toBeCloseTo(0.005);
    const exact = allowedBy({ text: '275 tỷ đồng', value: 275e9, rangeTo: null, qualifier: 'exact' });
    expect([contains(exact, 274.6e9), contains(exact, 275.4e9), contains(exact, 275.6e9)]).toEqual([true, true, false]);
    const over = allowedBy({ text: '275 tỷ đồng', value: 275e9, rangeTo: null, qualifier: 'over' });
    expect([contains(over, 275e9), contains(over, 275.332e9), contains(over, 277.8e9)]).toEqual([false, true, false]);
    const nearly = allowedBy({ text: '1.877 tỷ đồng', value: 1877e9, rangeTo: null, qualifier: 'approx' }, { below: true });
    expect([contains(nearly, 1876.744e9), contains(nearly, 1900e9)]).toEqual([true, false]);
  });

  it('gives bare words their diacritics and leaves marked words alone', () => {
    expect(restoreDiacritics('Dien Bien da giai ngan hon 275 ty dong von 1719')).toBe('Điện Biên đã giải ngân hơn 275 tỷ đồng vốn 1719');
    expect(restoreDiacritics('tinh dien bien giải ngân')).toBe('tỉnh Điện Biên giải ngân');
  });
});

describe('claims against the seeds', () => {
  it('supports the issue\'s claim: "hơn 275 tỷ" vs 275.332 triệu đồng (seed 000), citing passage and locator', () => {
    const r = check('Điện Biên đã giải ngân hơn 275 tỷ đồng vốn 1719');
    expect(r.verdict).toBe('supported');
    const [f] = r.figures;
    expect(f.claimed).toMatchObject({ qualifier: 'over', metric: 'disbursed', program: 'dtts', province: 'Điện Biên' });
    const top = f.citations[0];
    expect(top).toMatchObject({ relation: 'supports', text: '275.332 triệu đồng', asOf: '2024-05-31' });
    expect(top.source).toMatch(/000_6c8865fda63468d7\.txt$/);
    expect(top.quote).toContain('giải ngân được 275.332 triệu đồng');
    expect(top.quoteEnd).toBeGreaterThan(top.quoteStart);
    // Other years' disbursements (277.793 triệu in 2022) are more than 276 tỷ: not "hơn 275 tỷ".
    expect(f.citations.find((c) => c.text === '277.793 triệu đồng')?.relation).toBe('contradicts');
  });

  it('reads the same claim typed without diacritics', () => {
    const r = check('Dien Bien da giai ngan hon 275 ty dong von 1719');
    expect(r.read).toBe('Điện Biên đã giải ngân hơn 275 tỷ đồng vốn 1719');
    expect(r.verdict).toBe('supported');
    expect(r.figures[0].citations[0].text).toBe('275.332 triệu đồng');
  });

  it('contradicts a wrong amount, saying by how much (seed 004: 1.152.186 triệu in 2023)', () => {
    const r = check('Năm 2023, tỉnh Điện Biên giải ngân 1.200 tỷ đồng vốn Chương trình MTQG 1719');
    expect(r.verdict).toBe('contradicted');
    const [f] = r.figures;
    expect(f.citations[0]).toMatchObject({ relation: 'contradicts', text: '1.152.186 triệu đồng', year: 2023 });
    expect(f.citations[0].difference).toBe(1_152_186e6 - 1_200e9);
    expect(f.summary).toContain('47,814 tỷ đồng');
    expect(f.summary).toContain('less');
    expect(f.newest?.relation).toBe('contradicts');
  });

  it('qualifiers decide: "gần 1.877 tỷ" is supported by 1.876.744 triệu, "hơn 1.877 tỷ" is not', () => {
    expect(check('Năm 2023 Điện Biên giải ngân gần 1.877 tỷ đồng').verdict).toBe('supported');
    expect(check('Năm 2023 Điện Biên giải ngân khoảng 1.880 tỷ đồng').verdict).toBe('supported');
    expect(check('Năm 2023 Điện Biên giải ngân hơn 1.877 tỷ đồng').verdict).toBe('contradicted');
    // Rounded as written: 1.877 tỷ covers 1.876,5–1.877,5 tỷ, 1.876,7 tỷ does too, 1.876,8 tỷ does not.
    expect(check('Năm 2023 Điện Biên giải ngân 1.877 tỷ đồng').verdict).toBe('supported');
    expect(check('Năm 2023 Điện Biên giải ngân 1.876,7 tỷ đồng').verdict).toBe('supported');
    expect(check('Năm 2023 Điện Biên giải ngân 1.876,8 tỷ đồng').verdict).toBe('contradicted');
  });

  it('checks an amount and its rate in one claim (seed 000: 275.332 triệu, 16,61%)', () => {
    const r = check('Đến 31/5/2024, Điện Biên giải ngân 275,3 tỷ đồng vốn 1719, đạt 16,61% kế hoạch');
    expect(r.figures.map((f) => [f.claimed.text, f.verdict])).toEqual([
      ['275,3 tỷ đồng', 'supported'],
      ['16,61%', 'supported'],
    ]);
  });

  it('finds a 2024 Bắc Kạn figure by its merged province, Thái Nguyên (seed 001: "trên 94 tỷ đồng")', () => {
    const r = check('Thái Nguyên giải ngân hơn 94 tỷ đồng vốn đầu tư phát triển Chương trình MTQG 1719 năm 2024');
    expect(r.verdict).toBe('supported');
    expect(r.figures[0].citations[0]).toMatchObject({ province: 'Bắc Kạn', current: 'Thái Nguyên', text: '94 tỷ đồng' });
  });

  it('lists the audit findings on a cited figure (seed 004: Dự án 9 vs its sub-projects)', () => {
    const r = check('Đến 30/6/2024, Dự án 9 Chương trình MTQG 1719 tỉnh Điện Biên giải ngân vốn NSTW 59.622 triệu đồng');
    expect(r.verdict).toBe('supported');
    const rules = r.figures[0].citations[0].findings.map((n) => n.rule);
    expect(rules).toContain('subprojects');
  });

  it('says not found, with the closest candidates, for a province no seed covers', () => {
    const r = check('Lai Châu giải ngân 500 tỷ đồng vốn Chương trình giảm nghèo bền vững năm 2023');
    expect(r.verdict).toBe('not_found');
    const [f] = r.figures;
    expect(f.citations.length).toBeGreaterThan(0);
    expect(f.citations.every((c) => c.relation === 'other_measure' && c.differs.includes('province'))).toBe(true);
    expect(f.citations[0]).toMatchObject({ program: 'gnbv', metric: 'disbursed', year: 2023 });
  });

  it('exits 0/1/2 from the command line, and --json round-trips through the schema', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, ['bin/solieu.js', 'check', ...args, '--db', dbPath], { encoding: 'utf8' });
    const ok = run('Dien Bien da giai ngan hon 275 ty dong von 1719');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^SUPPORTED/m);
    expect(ok.stdout).toContain('000_6c8865fda63468d7.txt:');
    expect(run('Năm 2023 Điện Biên giải ngân hơn 1.877 tỷ đồng').status).toBe(1);
    const missing = run('Lai Châu giải ngân 500 tỷ đồng vốn Chương trình giảm nghèo bền vững năm 2023', '--json');
    expect(missing.status).toBe(2);
    expect(CheckResultSchema.parse(JSON.parse(missing.stdout)).verdict).toBe('not_found');
    const noDb = spawnSync(process.execPath, ['bin/solieu.js', 'check', 'Điện Biên giải ngân 5 tỷ đồng', '--db', join(dir, 'missing.sqlite')], { encoding: 'utf8' });
    expect(noDb.status).toBe(3);
    expect(noDb.stderr).toMatch(/missing\.sqlite: no such database/);
    const none = run('no figure here');
    expect(none.status).toBe(2);
    expect(none.stdout).toContain('states no figure');
  });
});
