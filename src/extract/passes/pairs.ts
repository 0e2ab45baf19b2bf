// Pass: achieved/plan pairs written in words ("giải ngân được 3,2 tỷ trên tổng số 4.125 triệu
// đồng"), like the "508.424/1.239.405 triệu đồng" form the candidates read: the second amount is
// the plan, and a rate after them is the achieved amount's.
import { alternation, compiled, type Lexicons } from '../../patterns/lexicons.ts';
import type { Pass } from '../pass.ts';

const joinRe = (lex: Lexicons) => new RegExp(`^\\s*(?:${alternation(lex.raw.metrics.planJoin)})\\s*$`);

export const pairs: Pass = {
  name: 'pairs',
  reads: ['items.c', 'metrics.planJoin'],
  writes: ['candidate'],
  run({ items, ft, lex }) {
    const join = compiled(lex, joinRe);
    for (let k = 1; k < items.length; k++) {
      const [a, b] = [items[k - 1], items[k]];
      if (a.c.kind !== 'money' || b.c.kind !== 'money' || a.ss !== b.ss || a.c.role !== null) continue;
      if (!join.test(ft.slice(a.c.fe, b.c.fs))) continue;
      a.c = { ...a.c, role: 'achieved' };
      b.c = { ...b.c, role: 'plan' };
    }
  },
};
