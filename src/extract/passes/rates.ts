// Pass: a percentage introduced by a rate verb ("đạt", "bằng") after an amount is its rate.
import { compiled } from '../../patterns/lexicons.ts';
import { linkRates } from '../links.ts';
import { rateVerbRe } from './rate-words.ts';
import type { Pass } from '../pass.ts';

export const rates: Pass = {
  name: 'rates',
  reads: ['items.c', 'metrics.rateVerbs'],
  writes: ['rateOf'],
  run: ({ items, ft, lex }) => linkRates(items, ft, compiled(lex, rateVerbRe)),
};
