// The whole-text phrase regexes of a document (gazetteer names, programmes, projects, dates,
// years), found in one pass of one trie instead of one pass each (text/led-scan.ts), and where the
// cue phrases start (metrics, funds, capital types), so a window holding none is not scanned.
import { compiled, L, type Lexicons } from '../patterns/lexicons.ts';
import { ledScanner, type LedHits } from '../text/led-scan.ts';
import { keptValue } from '../patterns/snapshot.ts';
import { gazetteerLed } from './places.ts';
import { mentionLeds } from './mentions.ts';
import { cueLeds } from './cues.ts';

// Its trie (~20 ms to make) kept in the build for the same leads (../patterns/snapshot.ts).
const scanner = (lex: Lexicons) => ledScanner([gazetteerLed(), ...mentionLeds(lex), ...cueLeds(lex)], L, (input, make) => keptValue('led-trie', input, make));

/** Every match of those regexes in folded text, for findPlaceMatches and findMentions. */
export function scanHits(ft: string, lex: Lexicons): LedHits {
  return compiled(lex, scanner)(ft);
}
