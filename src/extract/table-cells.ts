// A table cell often holds a bare number whose unit is in the column header ("Giải ngân (triệu
// đồng)"): read such cells with the header's unit, so appendix tables yield figures too.
import type { Block } from '../contract/parsed.ts';
import { alternation, compiled, type Lexicons } from '../patterns/lexicons.ts';
import { fold } from '../text/fold.ts';
import { findCandidates, symbolQualifier, type Candidate } from './candidates.ts';
import { numberStyle } from './numbers.ts';
import { countBelow } from '../text/search.ts';

export function tableCandidates(blocks: readonly Block[], inv: (pos: number) => number, ft: string, lex: Lexicons, found: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  const style = numberStyle(ft);
  // Every cell of a column has the same header: its unit is read once.
  const units = new Map<string, string | null>();
  for (const b of blocks) {
    if (b.kind !== 'table-cell' || !b.colHeader) continue;
    const fs = inv(b.start);
    const fe = inv(b.end);
    const cell = ft.slice(fs, fe);
    const num = /^\s*([<>≤≥]?)\s*(\d+(?:[.,]\d+)*)\s*$/.exec(cell);
    if (!num || hasCandidateIn(found, fs, fe)) continue;
    let unit = units.get(b.colHeader);
    if (unit === undefined) units.set(b.colHeader, (unit = unitFromHeader(b.colHeader, lex)));
    if (!unit) continue;
    // Read "<number> <unit>" as if written in the text, then move the span onto the cell's number.
    const probe = findCandidates(`${num[2]} ${unit}`, lex, style)[0];
    if (!probe) continue;
    const start = fs + cell.indexOf(num[2]);
    out.push({ ...probe, fs: start, fe: start + num[2].length, qualifier: num[1] ? symbolQualifier(num[1], lex) : 'exact' });
  }
  return out;
}

/** Does any candidate (sorted by position) start in [fs, fe)? */
function hasCandidateIn(found: readonly Candidate[], fs: number, fe: number): boolean {
  const i = countBelow(found, fs, (c) => c.fs);
  return i < found.length && found[i].fs < fe;
}

const headerUnits = (lex: Lexicons) => ({
  money: new RegExp(`(?:(${lex.multiplierAlt})\\s*)?(?:${lex.currencyAlt})(?![a-zđ])`),
  percent: new RegExp(alternation(['phần trăm', 'tỷ lệ', 'tỉ lệ'])),
  unit: new RegExp(`(?:${lex.unitAlt})(?![a-zđ])`),
});

/** "(triệu đồng)", "Số hộ", "Tỷ lệ (%)": the unit phrase of a column header, folded. */
function unitFromHeader(header: string, lex: Lexicons): string | null {
  const h = fold(header.normalize('NFC')).text;
  const re = compiled(lex, headerUnits);
  const money = re.money.exec(h);
  if (money) return money[0];
  if (h.includes('%') || re.percent.test(h)) return '%';
  const unit = re.unit.exec(h);
  return unit ? unit[0] : null;
}
