// `solieu extract <file> [--json]`: the contract JSON, or a readable table.
import { parseArgs } from 'node:util';
import { extractFile } from '../../pipeline.ts';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: true });
  if (positionals.length !== 1) {
    process.stderr.write('usage: solieu extract <file> [--json]\n');
    return 2;
  }
  const out = await extractFile(positionals[0]);
  if (values.json) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  else process.stdout.write(`${out.figures.length} figures\n`);
  return 0;
}
