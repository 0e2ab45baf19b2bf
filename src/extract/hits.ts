// The whole-text phrase regexes of a document (gazetteer names, programmes, projects, dates,
// years), found in one pass of one trie instead of one pass each (text/led-scan.ts).
import { compiled, L, type Lexicons } from '../patterns/lexicons.ts';
import { ledScanner, type LedHits } from '../text/led-scan.ts';
import { gazetteerLed } from './places.ts';
import { mentionLeds } from './mentions.ts';

const scanner = (lex: Lexicons) => ledScanner([gazetteerLed(), ...mentionLeds(lex)], L);

/** Every match of those regexes in folded text, for findPlaceMatches and findMentions. */
export function scanHits(ft: string, lex: Lexicons): LedHits {
  return compiled(lex, scanner)(ft);
}
