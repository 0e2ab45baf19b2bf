// The text `npm run bench` times extraction on: every gold-annotated text (seeds and passages),
// repeated with shifted figures so a run is not one cached string, cut into report-sized
// documents. Shared by scripts/bench.ts and scripts/ab-extract.mjs (--bench), so both time the same.
import { readFileSync } from 'node:fs';
import { loadGold } from './gold-load.ts';

export function benchDocuments(targetBytes: number): string[] {
  const texts = loadGold().map((d) => readFileSync(d.path, 'utf8').normalize('NFC'));
  const docs: string[] = [];
  let bytes = 0;
  for (let round = 0; bytes < targetBytes; round++) {
    for (const t of texts) {
      const doc = round === 0 ? t : t.replace(/\d(?=[\d.,]*\s*(?:triệu|tỷ|%))/g, (d) => String((Number(d) + round) % 10));
      docs.push(doc);
      bytes += Buffer.byteLength(doc);
    }
  }
  return docs;
}
