// A table cell often holds a bare number whose unit is in the column header ("Giải ngân (triệu
// đồng)"): read such cells with the header's unit, so appendix tables yield figures too.
import type { Block } from '../contract/parsed.ts';
import { alternation, type Lexicons } from '../patterns/lexicons.ts';
import { fold } from '../text/fold.ts';
import { findCandidates, symbolQualifier, type Candidate } from './candidates.ts';
import { numberStyle } from './numbers.ts';
import { countBelow } from '../text/search.ts';

export function tableCandidates(blocks: readonly Block[], inv: (pos: number) => number, ft: string, lex: Lexicons, found: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  const style = numberStyle(ft);
  for (const b of blocks) {
    if (b.kind !== 'table-cell' || !b.colHeader) continue;
    const fs = inv(b.start);
    const fe = inv(b.end);
    const cell = ft.slice(fs, fe);
    const num = /^\s*([<>≤≥]?)\s*(\d+(?:[.,]\d+)*)\s*$/.exec(cell);
    if (!num || hasCandidateIn(found, fs, fe)) continue;
    const unit = unitFromHeader(b.colHeader, lex);
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

/** "(triệu đồng)", "Số hộ", "Tỷ lệ (%)": the unit phrase of a column header, folded. */
function unitFromHeader(header: string, lex: Lexicons): string | null {
  const h = fold(header.normalize('NFC')).text;
  const money = new RegExp(`(?:(${lex.multiplierAlt})\\s*)?(?:${lex.currencyAlt})(?![a-zđ])`).exec(h);
  if (money) return money[0];
  if (h.includes('%') || new RegExp(alternation(['phần trăm', 'tỷ lệ', 'tỉ lệ'])).test(h)) return '%';
  const unit = new RegExp(`(?:${lex.unitAlt})(?![a-zđ])`).exec(h);
  return unit ? unit[0] : null;
}
