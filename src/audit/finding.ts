// What an audit rule reports: a plain-words message, the expected and found values, and the
// figures involved (by contract id, plus the document for findings across documents).
export const RULES = ['rate', 'components', 'subprojects', 'cross_document'] as const;
export type Rule = (typeof RULES)[number];

export interface FigureRef {
  /** Contract id within its document ("f12"). */
  id: string;
  /** Which document version (store id); only set by rules that look across documents. */
  doc?: number;
  role: 'total' | 'component' | 'rate' | 'amount' | 'base' | 'project' | 'subproject' | 'value';
}

export interface AuditFinding {
  rule: Rule;
  message: string;
  expected: number;
  found: number;
  figures: FigureRef[];
}
