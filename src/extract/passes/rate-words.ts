// Matchers over metrics.json's rate words, shared by the passes that read them.
import { alternation, wordRegex, L, type Lexicons } from '../../patterns/lexicons.ts';

export const rateWords = (lex: Lexicons) => ({
  planAfter: new RegExp(`\\s*(?:(?:${alternation(lex.raw.metrics.planPrefix)})\\s+)?(?:${alternation(lex.raw.metrics.rateKinds.plan_progress ?? [])})(?![${L}])`, 'y'),
  poverty: wordRegex(lex.raw.metrics.rateKinds.poverty ?? [], ''),
  share: wordRegex(lex.raw.metrics.rateKinds.share ?? [], ''),
  shareAfter: new RegExp(`\\s*(?:${alternation(lex.raw.metrics.shareAfter)})(?![${L}])`, 'y'),
  shareNouns: new RegExp(`\\s*(?:${alternation(lex.raw.metrics.shareNounsAfter)})(?![${L}])`, 'y'),
  /** A counted noun right after a percentage ("100% thôn có nhà văn hóa"). */
  unitAfter: new RegExp(`\\s*(?:${lex.unitAlt})(?![${L}])`, 'y'),
  countShare: new RegExp(`^[^\\d;.]{0,40}?[,(]\\s*(?:${alternation(lex.raw.metrics.shareOfCount)})\\s*$`),
});

export const rateVerbRe = (lex: Lexicons) => wordRegex(lex.raw.metrics.rateVerbs, '');
