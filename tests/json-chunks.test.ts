// The contract JSON written in chunks is byte for byte JSON.stringify of the checked output, and a
// figure that breaks the contract or an output past its cap is refused.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractJsonChunks, JsonTooLarge } from '../src/contract/json-chunks.ts';
import { ExtractOutputSchema } from '../src/contract/schema.ts';
import { extractInSandbox } from '../src/sandbox/index.ts';
import { SHARED_DIR } from '../src/eval/gold-load.ts';
import { mixedEncodings } from './hostile-cases.ts';

const text = (chunks: Uint8Array[]) => Buffer.concat(chunks).toString('utf8');

describe('contract JSON in chunks', () => {
  it('is JSON.stringify of the output, compact and indented, warnings included', async () => {
    const seed = readFileSync(join(SHARED_DIR, 'seeds/000_6c8865fda63468d7.txt'));
    const outputs = [await extractInSandbox(seed, 'seed.txt', 'a'.repeat(64)), await extractInSandbox(mixedEncodings(), 'mixed.txt', 'b'.repeat(64))];
    expect(outputs[0].figures.length).toBeGreaterThan(10);
    expect(outputs[1].warnings?.length).toBe(1);
    for (const out of outputs)
      for (const pretty of [false, true]) expect(text(contractJsonChunks(out, pretty, 2 ** 30))).toBe(JSON.stringify(ExtractOutputSchema.parse(out), null, pretty ? 2 : undefined));
    const none = { ...outputs[0], figures: [] };
    for (const pretty of [false, true]) expect(text(contractJsonChunks(none, pretty, 2 ** 30))).toBe(JSON.stringify(none, null, pretty ? 2 : undefined));
  }, 60_000);

  it('refuses a figure that breaks the contract, and JSON over the cap', async () => {
    const out = await extractInSandbox(readFileSync(join(SHARED_DIR, 'seeds/000_6c8865fda63468d7.txt')), 'seed.txt', 'a'.repeat(64));
    const broken = { ...out, figures: [out.figures[0], { ...out.figures[1], kind: 'length' }] } as unknown as typeof out;
    expect(() => contractJsonChunks(broken, false, 2 ** 30)).toThrow(/kind/);
    expect(() => contractJsonChunks(out, false, 1000)).toThrow(JsonTooLarge);
  }, 60_000);
});
