// Stale versions: ingest A, change the file to B, ingest, restore A, ingest -> A is current again
// and queries serve A's figures (the bytes were once refused as "unchanged" and B stayed current).
// Likewise across names: each path serves the content last seen under it, whatever other paths
// held the same bytes before or after.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/store/db.ts';
import { ingestFile, ingestFiles } from '../src/store/ingest.ts';
import { MIGRATIONS } from '../src/store/migrations.ts';
import Database from 'better-sqlite3';
import { queryFigures } from '../src/store/query.ts';

const A = 'Năm 2024, huyện Mường Nhé, tỉnh Điện Biên đã giải ngân 1.111 triệu đồng.\n';
const B = 'Năm 2024, huyện Mường Nhé, tỉnh Điện Biên đã giải ngân 2.222 triệu đồng.\n';

describe('versions: the content last seen is current', () => {
  it('restoring a file makes its first version current again, and queries serve it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'solieu-versions-'));
    const file = join(dir, 'report.txt');
    const db = openDb(join(dir, 'v.sqlite'));
    try {
      const values = () => queryFigures(db, {}).map((f) => f.value);
      writeFileSync(file, A);
      const first = await ingestFile(db, file);
      expect(first).toMatchObject({ status: 'ingested', version: 1 });
      writeFileSync(file, B);
      expect(await ingestFile(db, file)).toMatchObject({ status: 'ingested', version: 2 });
      expect(values()).toEqual([2_222_000_000]);
      writeFileSync(file, A);
      const restored = await ingestFile(db, file);
      expect(restored).toMatchObject({ status: 'ingested', version: 1, restored: true, figures: 1 });
      expect(first.status === 'ingested' && restored.status === 'ingested' && restored.documentId === first.documentId).toBe(true);
      expect(values()).toEqual([1_111_000_000]);
      expect(db.prepare('SELECT count(*) FROM documents WHERE latest = 1').pluck().get()).toBe(1);
      // Ingesting A again is now a no-op.
      expect(await ingestFile(db, file)).toMatchObject({ status: 'unchanged' });
      expect(values()).toEqual([1_111_000_000]);
    } finally {
      db.close();
    }
  }, 60_000);
});

describe('versions: the same bytes under another name', () => {
  const C = 'Năm 2024, huyện Mường Nhé, tỉnh Điện Biên đã giải ngân 3.333 triệu đồng.\n';
  const setup = () => {
    const dir = mkdtempSync(join(tmpdir(), 'solieu-names-'));
    const db = openDb(join(dir, 'n.sqlite'));
    const values = () => queryFigures(db, {}).map((f) => f.value).sort((x, y) => x - y);
    return { db, values, a: join(dir, 'a.txt'), b: join(dir, 'b.txt'), c: join(dir, 'c.txt') };
  };

  it('a copy keeps its content current when the original changes, until the copy changes too', async () => {
    const { db, values, a, b } = setup();
    try {
      writeFileSync(a, A);
      writeFileSync(b, A);
      // One batch: the copy meets the bytes its batch has just stored.
      expect((await ingestFiles(db, [a, b])).map((o) => o.status)).toEqual(['ingested', 'unchanged']);
      writeFileSync(a, B);
      expect(await ingestFile(db, a)).toMatchObject({ status: 'ingested', version: 2 });
      expect(values()).toEqual([1_111_000_000, 2_222_000_000]);
      writeFileSync(b, C);
      expect(await ingestFile(db, b)).toMatchObject({ status: 'ingested', version: 1 });
      expect(values()).toEqual([2_222_000_000, 3_333_000_000]);
    } finally {
      db.close();
    }
  }, 60_000);

  it('a file holding the superseded content of another makes that content current again, for it', async () => {
    const { db, values, a, b, c } = setup();
    try {
      writeFileSync(a, A);
      await ingestFile(db, a);
      writeFileSync(a, B);
      await ingestFile(db, a);
      expect(values()).toEqual([2_222_000_000]);
      writeFileSync(b, A);
      expect(await ingestFile(db, b)).toMatchObject({ status: 'ingested', restored: true, version: 1, figures: 1 });
      expect(values()).toEqual([1_111_000_000, 2_222_000_000]);
      // A rename (the same bytes under a new name) changes nothing that is served.
      writeFileSync(c, B);
      expect(await ingestFile(db, c)).toMatchObject({ status: 'unchanged', firstName: a });
      expect(values()).toEqual([1_111_000_000, 2_222_000_000]);
      expect(db.prepare('SELECT count(*) FROM documents WHERE latest = 1').pluck().get()).toBe(2);
    } finally {
      db.close();
    }
  }, 60_000);

  it('a store made before names pointed at contents is brought up to date: a copy of a superseded version is current again', () => {
    const { db: fresh, a, b } = setup();
    fresh.close();
    const path = join(mkdtempSync(join(tmpdir(), 'solieu-names-old-')), 'old.sqlite');
    const old = new Database(path);
    for (const step of MIGRATIONS.slice(0, 6)) old.exec(step);
    old.pragma('user_version = 6');
    // What the previous solieu left: a.txt changed from A to B, b.txt recorded as a copy of A, A not current.
    old.exec(`INSERT INTO sources (id, uri) VALUES (1, '${a}');
      INSERT INTO documents (id, source_id, version, latest, sha256, format, ingested_at, text, blocks, extractor_version, patterns_version)
        VALUES (1, 1, 1, 0, '${'1'.repeat(64)}', 'txt', '2024-01-01', 'A', '[]', 'e', 'p'), (2, 1, 2, 1, '${'2'.repeat(64)}', 'txt', '2024-01-03', 'B', '[]', 'e', 'p');
      INSERT INTO document_names (document_id, uri, first_seen) VALUES (1, '${a}', '2024-01-01'), (2, '${a}', '2024-01-03'), (1, '${b}', '2024-01-02');`);
    old.close();
    const db = openDb(path);
    try {
      expect(db.prepare('SELECT id, latest FROM documents ORDER BY id').all()).toEqual([{ id: 1, latest: 1 }, { id: 2, latest: 1 }]);
      expect(db.prepare('SELECT uri, document_id FROM name_current ORDER BY uri').all()).toEqual([{ uri: a, document_id: 2 }, { uri: b, document_id: 1 }]);
    } finally {
      db.close();
    }
  });
});
