// All within-document rules over one document's figures; pure, so tests need no database.
import type { Figure } from '../contract/schema.ts';
import type { AuditFinding } from './finding.ts';
import { checkRates } from './rate.ts';
import { checkComponents } from './components.ts';
import { checkSubprojects } from './subprojects.ts';

export function auditDocument(figures: Figure[], text: string): AuditFinding[] {
  const all = [...checkRates(figures, text), ...checkComponents(figures), ...checkSubprojects(figures, text)];
  // Two rules can see the same mismatch (sub-projects linked by partOf): report it once.
  const seen = new Set<string>();
  return all.filter((f) => {
    const k = f.figures.map((r) => r.id).sort().join(',');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export { checkAcrossDocuments, checkKey, type DocFigure, type KeyMember } from './cross.ts';
export type { AuditFinding, FigureRef, Rule } from './finding.ts';
