// Rule 3: sub-projects against their project. The amounts of "Tiểu dự án 1..k Dự án N" for one
// metric, fund, capital type and date must add up to "Dự án N"'s amount for the same. Compared
// only when every sub-project of N that the document mentions anywhere has an amount; a
// sub-project the document never names cannot be known, so a project with one is left alone.
import type { Figure } from '../contract/schema.ts';
import type { AuditFinding } from './finding.ts';
import { formatValue, halfStep, isExact } from './precision.ts';

const SUB = /^Tiểu dự án (\d+) (Dự án \d+)$/u;

export function checkSubprojects(figures: Figure[], text: string): AuditFinding[] {
  const money = figures.filter((f) => f.kind === 'money' && f.metric !== null && isExact(f));
  const projects = new Map<string, Figure[]>();
  const subs = new Map<string, Figure[]>();
  for (const f of money) {
    if (f.project === null) continue;
    const m = SUB.exec(f.project);
    const k = key(m ? m[2] : f.project, f);
    const map = m ? subs : projects;
    map.set(k, [...(map.get(k) ?? []), f]);
  }
  const out: AuditFinding[] = [];
  for (const [k, parts] of subs) {
    const totals = projects.get(k);
    // One project amount and one amount per sub-project, or it is unclear what adds to what.
    if (!totals || totals.length !== 1) continue;
    const total = totals[0];
    const numbers = parts.map((p) => Number(SUB.exec(p.project!)![1]));
    if (new Set(numbers).size !== numbers.length) continue;
    const named = subprojectsNamed(text, total.project!);
    if (named.some((n) => !numbers.includes(n)) || named.length < 2) continue;
    const sum = parts.reduce((s, p) => s + p.value, 0);
    const tolerance = halfStep(total) + parts.reduce((s, p) => s + halfStep(p), 0) + 1e-9 * Math.abs(total.value);
    if (Math.abs(sum - total.value) <= tolerance) continue;
    const ordered = [...parts].sort((a, b) => a.start - b.start);
    const fmt = (v: number) => formatValue(v, 'money', 'VND');
    out.push({
      rule: 'subprojects',
      message:
        `${ordered.map((p) => `${p.project!.replace(SUB, 'Tiểu dự án $1')} ${p.text}`).join(' + ')} = ${fmt(sum)}, ` +
        `but ${total.project} is ${total.text} (${total.metric}; off by ${fmt(Math.abs(sum - total.value))})`,
      expected: total.value,
      found: sum,
      figures: [{ id: total.id, role: 'project' }, ...ordered.map((p) => ({ id: p.id, role: 'subproject' as const }))],
    });
  }
  return out;
}

function key(project: string, f: Figure): string {
  return [project, f.program, f.metric, f.fund, f.capital, f.asOf, f.year, f.location?.province, f.location?.district].join('|');
}

/** Sub-project numbers of `project` the text names ("Tiểu dự án 2 Dự án 9", or under its heading). */
export function subprojectsNamed(text: string, project: string): number[] {
  const n = project.replace(/^Dự án /u, '');
  const found = new Set<number>();
  // "Tiểu dự án 2, Dự án 9" / "tiểu dự án 2 của dự án 9" / "Tiểu dự án 2 thuộc Dự án 9"
  const inline = new RegExp(`tiểu dự án (\\d+),? (?:của |thuộc )?dự án ${n}(?!\\d)`, 'giu');
  for (const m of text.matchAll(inline)) found.add(Number(m[1]));
  // Headings: "Dự án 9: …" then "a) Tiểu dự án 1: …" lines until the next "Dự án" heading.
  const lines = text.split('\n');
  let inside = false;
  for (const line of lines) {
    const head = /^\s*(?:[\d.]+\s*)?Dự án (\d+)\b/iu.exec(line);
    if (head) inside = head[1] === n;
    else if (inside) {
      const sub = /^\s*(?:[a-zđ]\)\s*)?Tiểu dự án (\d+)\b/iu.exec(line);
      if (sub) found.add(Number(sub[1]));
    }
  }
  return [...found].sort((a, b) => a - b);
}
