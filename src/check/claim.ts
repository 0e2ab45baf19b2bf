// A claim sentence -> the figures it states, read by the same extractor as any document.
import type { Figure } from '../contract/schema.ts';
import { extractFigures } from '../extract/document.ts';
import { findMentions } from '../extract/mentions.ts';
import { scanHits } from '../extract/hits.ts';
import { lexicons } from '../patterns/lexicons.ts';
import { fold } from '../text/fold.ts';
import { restoreDiacritics } from './accents.ts';

export interface ClaimFigure {
  figure: Figure;
  /** Written "gần …" (nearly): at most the number, not either side of it. */
  nearlyBelow: boolean;
}

export interface ReadClaim {
  /** The claim as the extractor read it (diacritics restored where they were missing). */
  text: string;
  figures: ClaimFigure[];
}

/**
 * Journalists write a programme by its decision number alone ("vốn 1719"); documents name it in
 * full, which is all patterns/programs.json lists.
 */
const PROGRAM_NUMBERS: [RegExp, NonNullable<Figure['program']>][] = [[/(?<![\d.,/])1719(?![\d%]|[.,]\d|\s*(?:tỷ|triệu|nghìn|đồng))/u, 'dtts']];
const NEARLY = /(?:^|\s)(?:khoảng\s+)?gần\s*$/u;

export function readClaim(claim: string): ReadClaim {
  const text = restoreDiacritics(claim.normalize('NFC').replace(/\s+/g, ' ').trim());
  const { figures } = extractFigures({ format: 'txt', title: null, published: null, text, blocks: [] });
  const program = claimProgram(text);
  return {
    text,
    figures: figures.map((f) => ({
      figure: f.program === null && program ? { ...f, program } : f,
      nearlyBelow: f.qualifier === 'approx' && NEARLY.test(fold(text.slice(Math.max(0, f.start - 16), f.start)).text),
    })),
  };
}

/** The one programme the claim names anywhere (a short claim names it away from the figure). */
function claimProgram(text: string): Figure['program'] {
  const ft = fold(text).text;
  const lex = lexicons();
  const named = new Set(findMentions(ft, lex, scanHits(ft, lex)).programs.map((m) => m.value));
  for (const [re, p] of PROGRAM_NUMBERS) if (re.test(text)) named.add(p);
  return named.size === 1 ? [...named][0] : null;
}
