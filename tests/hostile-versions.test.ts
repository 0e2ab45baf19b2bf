// Stale versions: ingest A, change the file to B, ingest, restore A, ingest -> A is current again
// and queries serve A's figures (the bytes were once refused as "unchanged" and B stayed current).
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/store/db.ts';
import { ingestFile } from '../src/store/ingest.ts';
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
