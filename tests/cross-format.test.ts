// The same passage as text, DOCX, PDF and HTML gives the same figures through the real pipeline,
// table figures keep their row and column meaning, and every non-text figure says where it stood.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFile } from '../src/pipeline.ts';
import { parseDocument } from '../src/parsers/index.ts';
import type { ExtractOutput, Figure } from '../src/contract/schema.ts';
import type { ParsedDocument } from '../src/contract/parsed.ts';

const ROOT = join(import.meta.dirname, '..');
const NAME = 'f01_bao_cao_gnbv_lai_chau';
const FILES = {
  txt: join(ROOT, `corpus/passages/${NAME}.txt`),
  docx: join(ROOT, `corpus/fixtures/${NAME}.docx`),
  pdf: join(ROOT, `corpus/fixtures/${NAME}.pdf`),
  html: join(ROOT, `corpus/fixtures/${NAME}.html`),
};
type Format = keyof typeof FILES;
const runs = {} as Record<Format, { out: ExtractOutput; parsed: ParsedDocument }>;

beforeAll(async () => {
  for (const f of Object.keys(FILES) as Format[]) {
    runs[f] = { out: await extractFile(FILES[f]), parsed: await parseDocument(readFileSync(FILES[f]), FILES[f]) };
  }
}, 60_000);

/** What a figure means, independent of offsets: value and unit, and for table cells the row/column. */
function meaning(f: Figure, parsed: ParsedDocument): string {
  const cell = parsed.blocks.find((b) => b.kind === 'table-cell' && b.start <= f.start && f.end <= b.end);
  const table = cell ? ` @ ${cell.rowLabel} / ${cell.colHeader}` : '';
  return `${f.kind} ${f.value} ${f.unit}${f.per ? `/${f.per}` : ''} ${f.qualifier}${table}`;
}
const meanings = (f: Format) => runs[f].out.figures.map((x) => meaning(x, runs[f].parsed)).sort();

describe('one passage, four formats', () => {
  it('finds figures in the text version, table cells included', () => {
    expect(meanings('txt').length).toBeGreaterThanOrEqual(20);
    expect(meanings('txt')).toContain('money 117994000000 VND exact @ Sìn Hồ / Giải ngân (triệu đồng)');
    expect(meanings('txt')).toContain('percent 76.7 % exact @ Mường Tè / Tỷ lệ giải ngân (%)');
  });

  it.each(['docx', 'pdf', 'html'] as const)('%s gives the same figures as the text', (f) => {
    expect(meanings(f)).toEqual(meanings('txt'));
  });

  it.each(['docx', 'pdf', 'html'] as const)('%s reports its format and where each figure stood', (f) => {
    const { out } = runs[f];
    expect(out.document.format).toBe(f);
    for (const fig of out.figures) expect(fig.locator).not.toBeNull();
    const cell = out.figures.find((x) => x.value === 171655000000)!;
    expect(cell.locator).toMatchObject({ table: 1, row: 4, col: 2 });
    if (f === 'pdf') expect(cell.locator?.page).toBe(2);
  });

  it.each(['docx', 'pdf', 'html'] as const)('%s links the footnote breakdown to the figure it explains', (f) => {
    const { figures } = runs[f].out;
    const total = figures.find((x) => x.value === 412650000000)!;
    const dtpt = figures.find((x) => x.value === 176300000000)!;
    expect(dtpt.partOf).toBe(total.id);
  });
});
