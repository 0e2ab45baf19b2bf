// The one-pass scan of phrase-led regexes must find exactly what each regex's own exec loop finds.
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { ledScanner, type LeadTrie } from '../src/text/led-scan.ts';
import { L, lexicons, wordRegex } from '../src/patterns/lexicons.ts';
import { fold } from '../src/text/fold.ts';
import { gazetteerLed } from '../src/extract/places.ts';
import { mentionLeds } from '../src/extract/mentions.ts';
import { cueLeds } from '../src/extract/cues.ts';
import { loadGold } from '../src/eval/gold-load.ts';
import { loadReal } from '../src/eval/real-load.ts';

const execAll = (re: RegExp, ft: string) => {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m; (m = re.exec(ft)); ) out.push(m);
  return out;
};
const shape = (ms: readonly RegExpExecArray[]) => ms.map((m) => [m.index, ...m]);

describe('ledScanner', () => {
  const programs = wordRegex(['nông thôn mới', 'ntm', 'giảm nghèo']);
  const years = new RegExp(`(?<![${L}])(?:năm\\s+)?(?:19|20)\\d{2}`, 'g');
  const scan = ledScanner([{ re: programs, leads: ['nông thôn mới', 'ntm', 'giảm nghèo'] }, { re: years, leads: ['năm', '19', '20'] }], L);

  it('finds a phrase at a word start and not inside a word', () => {
    const ft = 'xây dựng nông thôn mới; antm; ntm2; giảm nghèo';
    expect(scan(ft).of(programs).map((m) => m[0])).toEqual(['nông thôn mới', 'giảm nghèo']);
  });

  it('skips what the previous match covered, as a global exec loop does', () => {
    const ft = 'năm 2021 2022, 19999 và năm nay';
    expect(shape(scan(ft).of(years))).toEqual(shape(execAll(years, ft)));
    expect(scan(ft).of(years).map((m) => m[0])).toEqual(['năm 2021', '2022', '1999']);
  });

  it('says where a window scanned on its own may hold a match, its own start included', () => {
    const only = ledScanner([{ re: programs, leads: ['nông thôn mới', 'ntm', 'giảm nghèo'], startsOnly: true }], L);
    const ft = 'vốn ntm, xntm';
    const hits = only(ft);
    expect(hits.mayStart(programs, 0, 4)).toBe(false);
    expect(hits.mayStart(programs, 0, 5)).toBe(true);
    // "xntm": no word start in the whole text, but a window starting at "ntm" sees one.
    expect(hits.mayStart(programs, 10, 13)).toBe(true);
    expect(hits.mayStart(programs, 9, 13)).toBe(false);
    expect(() => hits.of(programs)).toThrow(/starts only/);
  });

  it('refuses a lead that a blanked quotation could break (outer or double spaces)', () => {
    expect(() => ledScanner([{ re: programs, leads: ['nông  thôn'] }], L)).toThrow(/double space/);
  });

  it('takes its trie from `keep`, which is told every lead, and scans with a kept one as with its own', () => {
    const leds = [{ re: programs, leads: ['nông thôn mới', 'ntm', 'giảm nghèo'] }, { re: years, leads: ['năm', '19', '20'] }];
    let kept: LeadTrie | null = null;
    const inputs: string[] = [];
    const keep = (input: string, make: () => LeadTrie) => (inputs.push(input), (kept ??= make()));
    ledScanner(leds, L, keep);
    // Revived as a build keeps it (typed arrays through JSON), then used instead of making one.
    const revived = JSON.parse(JSON.stringify(kept, (_k, v) => (v instanceof Uint16Array || v instanceof Int32Array ? { t: v.constructor.name, a: [...v] } : v)),
      (_k, v) => (v?.t === 'Uint16Array' ? Uint16Array.from(v.a) : v?.t === 'Int32Array' ? Int32Array.from(v.a) : v)) as LeadTrie;
    const again = ledScanner(leds, L, () => revived);
    const ft = 'năm 2021 xây dựng nông thôn mới, giảm nghèo 2022';
    for (const re of [programs, years]) expect(shape(again(ft).of(re))).toEqual(shape(scan(ft).of(re)));
    expect(again(ft).of(programs).length).toBe(2);
    expect(inputs[0]).toContain('nông thôn mới');
    expect(inputs[0]).toContain('"19"');
  });

  it('refuses a regex it was not built with', () => {
    expect(() => scan('x').of(/x/g)).toThrow(/not built with/);
  });

  it('gives the matches of every document regex exactly, on every corpus text', () => {
    const paths = [...loadGold(), ...loadReal()].map((d) => d.path);
    expect(paths.every(existsSync), '../shared is missing beside the checkout: put the shared folder there').toBe(true);
    const leds = [gazetteerLed(), ...mentionLeds(lexicons())];
    const docScan = ledScanner(leds, L);
    let matches = 0;
    for (const path of paths) {
      const ft = fold(readFileSync(path, 'utf8').normalize('NFC')).text;
      const hits = docScan(ft);
      for (const l of leds) {
        const expected = execAll(l.re, ft);
        matches += expected.length;
        expect(shape(hits.of(l.re)), `${path}: ${l.re.source.slice(0, 80)}`).toEqual(shape(expected));
      }
    }
    expect(matches).toBeGreaterThan(1000);
  });

  it('never rules out a window where a cue regex matches, on every corpus text', () => {
    const leds = cueLeds(lexicons());
    const scanCues = ledScanner(leds, L);
    let windows = 0;
    for (const d of [...loadGold(), ...loadReal()]) {
      const ft = fold(readFileSync(d.path, 'utf8').normalize('NFC')).text;
      const hits = scanCues(ft);
      for (let from = 0; from < ft.length; from += 7) {
        const to = Math.min(ft.length, from + 5 + (from % 90));
        for (const l of leds) {
          const m = execAll(l.re, ft.slice(from, to))[0];
          if (!m) continue;
          windows++;
          expect(hits.mayStart(l.re, from, to), `${d.source} [${from}, ${to}): '${m[0]}'`).toBe(true);
        }
      }
    }
    expect(windows).toBeGreaterThan(1000);
  });
});
