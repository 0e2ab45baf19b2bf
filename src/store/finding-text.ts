// Findings as readable text: the message, each figure with its place, and each quoted sentence
// once (several figures of a finding often stand in the same sentence).
import { basename } from 'node:path';
import type { FindingOut } from './finding-rows.ts';
import { visible } from './table.ts';

export function renderFindings(findings: FindingOut[], opts: { quoteWidth?: number } = {}): string {
  const width = opts.quoteWidth ?? 160;
  const clip = (s: string) => (s.length > width ? s.slice(0, width - 1) + '…' : s);
  return findings
    .map((n) => {
      const lines = [`#${n.id} [${n.rule}] ${visible(n.message)}`];
      let lastQuote = '';
      for (const f of n.figures) {
        lines.push(`    ${f.role.padEnd(10)} ${visible(f.text)}  (${basename(f.source)}:${f.quoteStart}-${f.quoteEnd})`);
        const quoteKey = `${f.source}:${f.quoteStart}`;
        if (quoteKey !== lastQuote) lines.push(`        "${visible(clip(f.quote.trim()))}"`);
        lastQuote = quoteKey;
      }
      return lines.join('\n') + '\n';
    })
    .join('');
}
