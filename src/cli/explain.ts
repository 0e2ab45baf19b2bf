// `solieu extract --explain`: each figure with every meaning field and the pass, rule and phrase
// that set it, so a wrong field is traced in one look.
import type { ExtractOutput, Figure } from '../contract/schema.ts';

const FIELDS = ['metric', 'rateKind', 'rateOf', 'partOf', 'program', 'project', 'fund', 'capital', 'location', 'asOf', 'year'] as const;

function shown(f: Figure, field: (typeof FIELDS)[number]): string | null {
  const v = f[field];
  if (v === null || v === undefined) return null;
  if (field === 'location' && f.location) return [f.location.district, f.location.province].filter(Boolean).join(', ') + (f.location.current && f.location.current !== f.location.province ? ` (now ${f.location.current})` : '');
  return String(v);
}

export function explain(out: ExtractOutput): string {
  const lines: string[] = [];
  for (const f of out.figures) {
    const value = f.kind === 'money' ? `${f.value.toLocaleString('vi-VN')} đồng` : `${f.value.toLocaleString('vi-VN')} ${f.unit}`;
    lines.push(`${f.id} "${f.text}" @${f.start}: ${f.kind}, ${value}${f.qualifier === 'exact' ? '' : `, ${f.qualifier}`}`);
    for (const field of FIELDS) {
      const v = shown(f, field);
      if (v === null) continue;
      lines.push(`  ${field.padEnd(9)} ${v.padEnd(14)} ← ${f.why?.[field] ?? '(no reason recorded)'}`);
    }
  }
  return lines.join('\n') + '\n';
}
