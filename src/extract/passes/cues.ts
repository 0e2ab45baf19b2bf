// Pass: word cues of each figure's own clause: the metric its verb phrase names, the fund and the
// capital type (a source named right after the amount wins).
import { compiled, matchAt, testAt, type Lexicons } from '../../patterns/lexicons.ts';
import { cueWindow, metricIn, lastCue, cueAfter } from '../cues.ts';
import { set, type Pass } from '../pass.ts';
import { rateWords } from './rate-words.ts';
import type { Item } from '../item.ts';

export const cues: Pass = {
  name: 'cues',
  reads: ['items.c', 'items.ss', 'items.ws', 'ft', 'metrics', 'funds'],
  writes: ['capital'],
  run({ items, ft, lex, hits }) {
    const { planAfter } = compiled(lex, rateWords);
    const clauses = clauseCursor(ft);
    for (let k = 0; k < items.length; k++) {
      const it = items[k];
      // An amount's words run back past counts inside its noun phrase ("… thực hiện 03 chương trình
      // … năm 2024 là 2.846.372 triệu đồng") to the previous amount or rate.
      let ws = it.ws;
      if (it.c.kind !== 'quantity') {
        let j = k - 1;
        while (j >= 0 && items[j].ss === it.ss && items[j].c.kind === 'quantity') j--;
        ws = j >= 0 && items[j].ss === it.ss ? items[j].c.fe : it.ss;
      }
      let from = Math.max(ws, clauses(it.ss, it.c.fs));
      // "đạt 87,16% kế hoạch (ĐTPT 91.245 …": the plan words after a rate belong to the rate.
      const prev = items[k - 1];
      if (prev && prev.c.kind === 'percent' && prev.c.fe >= from && testAt(planAfter, ft, prev.c.fe)) from = Math.min(it.c.fs, planAfter.lastIndex);
      const w = cueWindow(ft, from, it.c.fs);
      // "…giải ngân thấp như: Dự án 8: Kế hoạch giao 42.862": the words after the last ':' speak first.
      const colon = w.lastIndexOf(':') + 1;
      const inWindow = (re: RegExp) => hits.mayStart(re, from, it.c.fs);
      const metric = inWindow(lex.metricRe) ? ((colon > 0 ? metricIn(w.slice(colon), lex) : null) ?? metricIn(w, lex)) : null;
      it.metricCue = metric ?? metricAfter(ft, it.c.fe, lex);
      // "5 triệu ngân sách trung ương, 01 triệu ngân sách địa phương": a source named right after wins.
      it.fundCue = cueAfter(lex.fundRe, lex.fundOf, ft, it.c.fe, lex, 'funds.fund', hits) ?? (inWindow(lex.fundRe) ? lastCue(lex.fundRe, lex.fundOf, w, 'funds.fund') : null);
      const capital = cueAfter(lex.capitalRe, lex.capitalOf, ft, it.c.fe, lex, 'funds.capital', hits) ?? (inWindow(lex.capitalRe) ? lastCue(lex.capitalRe, lex.capitalOf, w, 'funds.capital') : null);
      if (capital) set(it, 'capital', capital.value, capital.why);
    }
  },
};

/** A metric named right after the amount ("6,9 tỷ đồng đề nghị kéo dài sang năm 2024"). */
function metricAfter(ft: string, at: number, lex: Lexicons): Item['metricCue'] {
  const m = matchAt(lex.metricAfterRe, ft, at);
  const metric = m ? lex.metricAfterOf.get(m[1]) : undefined;
  return m && metric ? { value: metric, why: `metricsAfter.${metric}: '${m[1]}'` } : null;
}

/**
 * Where the clause holding a position starts: after the last ';' outside brackets since the
 * sentence start (a list inside "(… ; … ; …)" does not end the clause). Asked in order of position,
 * it goes on from the last answer within a sentence, so a sentence is read once, however many
 * figures it holds.
 */
function clauseCursor(ft: string): (sentence: number, to: number) => number {
  let ss = -1;
  let pos = 0;
  let depth = 0;
  let start = 0;
  return (sentence, to) => {
    if (sentence !== ss || to < pos) {
      ss = sentence;
      pos = sentence;
      depth = 0;
      start = sentence;
    }
    for (; pos < to; pos++) {
      const c = ft.charCodeAt(pos);
      if (c === 40) depth++;
      else if (c === 41) depth = Math.max(0, depth - 1);
      else if (c === 59 && depth === 0) start = pos + 1;
    }
    return start;
  };
}
