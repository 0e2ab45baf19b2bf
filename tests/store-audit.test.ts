// The audit in the store, incremental: what an ingest did not audit (--no-audit, a killed run) is
// audited next time, a new document re-checks only the cross-document keys it touches, and the
// findings are those a full audit of the whole store gives.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { openDb, type Db } from '../src/store/db.ts';
import { insertDocument } from '../src/store/write.ts';
import { ingestFiles } from '../src/store/ingest.ts';
import { withLinksChecked } from '../src/store/batch.ts';
import { auditPending, auditStore } from '../src/store/findings.ts';
import { listFindings } from '../src/store/finding-rows.ts';
import { output, tr } from './store-fixtures.ts';

const versions = { extractor: 'test', patterns: 'p1' };
const parsedOf = (text: string) => ({ format: 'txt' as const, title: null, published: null, text, blocks: [] });
const dienBien = { province: 'Điện Biên', district: null, current: 'Điện Biên' };
const laiChau = { province: 'Lai Châu', district: null, current: 'Lai Châu' };

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'solieu-audit-'));
  db = openDb(join(dir, 'a.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A report of one disbursement as of 30/6/2024 (and a rate that is wrong when `rate` is given). */
function store(uri: string, millions: number, place = dienBien, n = 0): number {
  const amount = `${millions.toLocaleString('vi-VN')} triệu đồng`;
  const text = `Tỉnh ${place.province} đến 30/6/2024 giải ngân ${amount}.\nKế hoạch 100.000 triệu đồng; giải ngân 50.000 triệu đồng, đạt 70%.`;
  const out = output(
    text,
    [
      { text: amount, value: tr(millions), metric: 'disbursed', program: 'dtts', asOf: '2024-06-30', location: place },
      { text: '100.000 triệu đồng', value: tr(100000), metric: 'allocated', program: 'gnbv', year: 2024 },
      { text: '50.000 triệu đồng', value: tr(50000), metric: 'disbursed', program: 'gnbv', year: 2024 },
      { text: '70%', value: 70, rateOf: 'f3', rateKind: 'disbursement', program: 'gnbv', year: 2024 },
    ],
    createHash('sha256').update(`${uri} ${n}`).digest('hex'),
  );
  return insertDocument(db, uri, parsedOf(text), out, versions, 'now').id;
}

const summary = () =>
  listFindings(db)
    .map((f) => `${f.rule} ${f.expected} ${f.found} ${f.figures.map((x) => `${x.source}:${x.figure}`).join(',')}`)
    .sort();
const pendingDocuments = () => db.prepare('SELECT count(*) FROM documents WHERE audited = 0').pluck().get();
const dirtyKeys = () => db.prepare('SELECT count(*) FROM cross_dirty').pluck().get();

describe('the incremental audit', () => {
  it('audits documents stored without an audit, and then has nothing left to do', () => {
    store('/r/a.txt', 59622);
    store('/r/b.txt', 60622);
    expect(listFindings(db)).toEqual([]);
    expect(pendingDocuments()).toBe(2);
    const ran = auditPending(db);
    expect(ran).toMatchObject({ audited: [1, 2], keys: 1 });
    expect(summary()).toEqual([
      `cross_document ${tr(59622)} ${tr(60622)} /r/a.txt:f1,/r/b.txt:f1`,
      'rate 50 70 /r/a.txt:f2,/r/a.txt:f3,/r/a.txt:f4',
      'rate 50 70 /r/b.txt:f2,/r/b.txt:f3,/r/b.txt:f4',
    ]);
    expect([pendingDocuments(), dirtyKeys()]).toEqual([0, 0]);
    expect(auditPending(db)).toEqual({ audited: [], keys: 0, findings: 0 });
  });

  it('re-checks only the keys a new document touches', () => {
    store('/r/a.txt', 59622);
    store('/r/b.txt', 60622);
    store('/r/c.txt', 1000, laiChau);
    store('/r/d.txt', 2000, laiChau);
    auditPending(db);
    const before = db.prepare("SELECT id, message FROM findings WHERE rule = 'cross_document' ORDER BY id").all() as { id: number; message: string }[];
    expect(before).toHaveLength(2);
    store('/r/e.txt', 3000, laiChau);
    expect(auditPending(db)).toMatchObject({ audited: [5], keys: 1 });
    const after = db.prepare("SELECT id, message FROM findings WHERE rule = 'cross_document' ORDER BY id").all() as { id: number; message: string }[];
    // Điện Biên's finding is untouched (same row); Lai Châu's is recomputed with the third value.
    const dienBienFinding = before.find((f) => f.message.startsWith('Điện Biên'))!;
    expect(after).toContainEqual(dienBienFinding);
    expect(after.find((f) => f.message.startsWith('Lai Châu'))?.message).toContain('/r/e.txt');
  });

  it('drops a superseded version from the comparison', () => {
    store('/r/a.txt', 59622);
    store('/r/b.txt', 60622);
    auditPending(db);
    expect(listFindings(db, { rule: 'cross_document' })).toHaveLength(1);
    store('/r/b.txt', 59622, dienBien, 1); // a corrected second version agrees
    auditPending(db);
    expect(listFindings(db, { rule: 'cross_document' })).toEqual([]);
  });

  it('gives the findings of a full audit, also for rows stored before cross keys existed', () => {
    for (const [i, v] of [59622, 60622, 59622, 61000].entries()) store(`/r/${i}.txt`, v);
    store('/r/1.txt', 59622, dienBien, 1);
    store('/r/x.txt', 10, laiChau);
    auditPending(db);
    store('/r/y.txt', 20, laiChau);
    auditPending(db);
    const incremental = summary();
    auditStore(db);
    expect(summary()).toEqual(incremental);
    expect(incremental.filter((s) => s.startsWith('cross_document'))).toHaveLength(2);
    // As a store migrated from before this audit: no keys, nothing audited, old findings.
    db.exec("UPDATE figures SET cross_key = NULL; UPDATE documents SET audited = 0; UPDATE findings SET cross_key = NULL; DELETE FROM cross_dirty");
    auditPending(db);
    expect(summary()).toEqual(incremental);
    const unkeyed = 'SELECT count(*) FROM figures f JOIN documents d ON d.id = f.document_id WHERE d.latest = 1 AND f.cross_key IS NULL';
    expect(db.prepare(unkeyed).pluck().get()).toBe(0);
  });
});

describe('an ingest', () => {
  it('audits from memory, and audits what an earlier --no-audit ingest stored', async () => {
    const write = (name: string, body: string) => (writeFileSync(join(dir, name), body), join(dir, name));
    const a = write('a.txt', 'Tỉnh Điện Biên: kế hoạch vốn giao 2.000 triệu đồng; giải ngân đến 30/6/2024 là 500 triệu đồng, đạt 40% kế hoạch.\n');
    const b = write('b.txt', 'Tỉnh Lai Châu: kế hoạch vốn giao 4.000 triệu đồng; giải ngân đến 30/6/2024 là 1.000 triệu đồng, đạt 50% kế hoạch.\n');
    expect((await ingestFiles(db, [a], { versions, audit: false }))[0].status).toBe('ingested');
    expect(pendingDocuments()).toBe(1);
    expect(listFindings(db)).toEqual([]);
    await ingestFiles(db, [b], { versions });
    expect([pendingDocuments(), dirtyKeys()]).toEqual([0, 0]);
    // Both wrong rates are found: b's from memory at ingest, a's by the pending audit.
    expect(listFindings(db, { rule: 'rate' }).map((f) => [f.source, f.found])).toEqual([
      [a, 40],
      [b, 50],
    ]);
  });
});

describe('a batch with a broken document', () => {
  it('refuses a dangling link before writing (the database would only refuse the whole batch at commit)', () => {
    const text = 'Giải ngân 500 triệu đồng, đạt 40%.';
    const good = output(text, [{ text: '500 triệu đồng', value: tr(500) }, { text: '40%', value: 40, rateOf: 'f1' }]);
    const checkLinks = (o: typeof good) => [...withLinksChecked(o.figures)];
    expect(() => checkLinks(good)).not.toThrow();
    const broken = { ...good, figures: good.figures.map((f) => (f.id === 'f2' ? { ...f, rateOf: 'f9' } : f)) };
    expect(() => checkLinks(broken)).toThrow('links figure f2 (rateOf) to f9');
  });
});
