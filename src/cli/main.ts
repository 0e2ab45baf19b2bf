// solieu's command line: each subcommand lives in its own module under ./commands.
import { InputError } from '../contract/errors.ts';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }> = {
  extract: { summary: 'extract figures from one file or URL (--json for the contract)', load: () => import('./commands/extract.ts') },
  ingest: { summary: 'store files or folders in the database, audit them, summarize', load: () => import('./commands/ingest.ts') },
  query: { summary: 'find stored figures by place, programme, metric, date, value or text', load: () => import('./commands/query.ts') },
  audit: { summary: 'check stored figures (rates, sums, sub-projects, across documents)', load: () => import('./commands/audit.ts') },
  export: { summary: 'write every stored figure with its citation as csv, json or jsonl', load: () => import('./commands/export.ts') },
  check: { summary: 'is a claim\'s figure supported by the stored sources? (exit 0/1/2: supported/contradicted/not found)', load: () => import('./commands/check.ts') },
  serve: { summary: 'browse, search and check the store in a web page on 127.0.0.1 (read-only)', load: () => import('./commands/serve.ts') },
  crawl: { summary: 'crawl provincial news sites into the store (--once for cron, --every 6h, --status)', load: () => import('./commands/crawl.ts') },
  reextract: { summary: 'recompute figures from stored text after the patterns change', load: () => import('./commands/reextract.ts') },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: solieu <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`solieu: unknown command '${name}' (try 'solieu --help')\n`);
    return 2;
  }
  return (await cmd.load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Bad input is the user's to fix: one line. Anything else is ours: keep the stack.
    if (err instanceof InputError) process.stderr.write(`solieu: ${err.message}\n`);
    else process.stderr.write(`solieu: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
