// A check result as plain text for the terminal: the verdict, then each cited passage.
import { basename } from 'node:path';
import { visible } from '../store/table.ts';
import { formatValue } from './format.ts';
import type { CheckResult, Citation } from './verdict.ts';

const LABEL = { supported: 'SUPPORTED', contradicted: 'CONTRADICTED', not_found: 'NOT FOUND' } as const;

export function renderCheck(r: CheckResult): string {
  const lines = [`claim: ${visible(r.read)}`];
  if (!r.figures.length) lines.push('NOT FOUND: the claim states no figure solieu can read (say the amount with its unit, e.g. "275 tỷ đồng")');
  for (const f of r.figures) {
    const c = f.claimed;
    const what = [c.metric, c.program, c.project, c.capital, [c.district, c.province].filter(Boolean).join(', '), c.asOf ?? c.year].filter((x) => x !== null && x !== '');
    lines.push('', `${LABEL[f.verdict]}  ${visible(c.text)} (${c.qualifier}; ${what.join(' · ') || 'no context read'})`, `  ${visible(f.summary)}`);
    for (const x of f.citations) lines.push(...citation(x));
  }
  return lines.join('\n') + '\n';
}

function citation(x: Citation): string[] {
  const where = x.locator ? ` ${locatorText(x.locator)}` : '';
  const when = x.asOf ?? (x.year === null ? '' : String(x.year));
  const head = `  - ${x.relation}${x.differs.length ? ` (differs in ${x.differs.join(', ')})` : ''}: ${visible(x.text)} = ${formatValue(x.value, x.unit)}${when ? ` for ${when}` : ''}`;
  const out = [head, `    ${visible(clip(x.title ?? basename(x.source), 90))} — ${basename(x.source)}:${x.quoteStart}-${x.quoteEnd}${where}`, `    "${visible(x.quote.trim())}"`];
  for (const n of x.findings) out.push(`    audit #${n.id} [${n.rule}] ${visible(n.message)}`);
  return out;
}

/** {page: 3, paragraph: 12} -> "page 3, paragraph 12". */
export function locatorText(loc: Record<string, unknown>): string {
  return Object.entries(loc)
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ');
}

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);
