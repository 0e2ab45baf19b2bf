// Findings as readable text: the message, then each figure's citation (source, span, quote).
import { basename } from 'node:path';
import type { FindingOut } from './finding-rows.ts';
import { visible } from './table.ts';

export function renderFindings(findings: FindingOut[], opts: { quoteWidth?: number } = {}): string {
  const width = opts.quoteWidth ?? 160;
  const clip = (s: string) => (s.length > width ? s.slice(0, width - 1) + '…' : s);
  return findings
    .map((n) => {
      const lines = [`#${n.id} [${n.rule}] ${visible(n.message)}`];
      for (const f of n.figures)
        lines.push(`    ${f.role.padEnd(10)} ${basename(f.source)}:${f.quoteStart}-${f.quoteEnd}  "${visible(clip(f.quote.trim()))}"`);
      return lines.join('\n');
    })
    .join('\n') + (findings.length ? '\n' : '');
}
