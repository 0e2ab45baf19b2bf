// solieu's command line. Each command is a commander Command in its own module under ./commands,
// which loads its heavy parts (parsers, extractor, store) only when it runs, so --help is instant.
//
// To add a command: write src/cli/commands/NAME.ts exporting `command`, built with solieuCommand
// from ../command.ts (options, withExamples, `.action(act(async (...) => exitCode))`, heavy
// modules imported inside the action), then add its one line to MODULES below. The README's
// command table lists the same commands in the same order (tests/cli-usage.test.ts checks it).
// A module that parses its own argv (`export async function run(argv)` and `export const USAGE`)
// is registered with ownArgsCommand instead.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../contract/errors.ts';

// A command that reads documents starts the sandbox worker before commander and the commands load:
// the worker boots (Node, the extractor, the patterns) on the other core meanwhile. Its action
// asks again: a no-op.
if (['ingest', 'extract'].includes(process.argv[2] ?? '') && !process.argv.some((a) => a === '-h' || a === '--help'))
  (await import('../sandbox/pool.ts')).prestartSandbox();
const [commander, { USAGE_EXIT, ownArgsCommand }] = await Promise.all([import('commander'), import('./command.ts')]);

const MODULES: Record<string, () => Promise<{ command: Command }>> = {
  extract: () => import('./commands/extract.ts'),
  ingest: () => import('./commands/ingest.ts'),
  query: () => import('./commands/query.ts'),
  audit: () => import('./commands/audit.ts'),
  export: () => import('./commands/export.ts'),
  reextract: () => import('./commands/reextract.ts'),
};
// A line that starts with a command's name needs that command alone (the others' modules took
// ~15 ms of its start); any other (help, a version, a typo to suggest for) needs them all.
const named = Object.hasOwn(MODULES, process.argv[2] ?? '') ? MODULES[process.argv[2]] : null;
const COMMANDS: Command[] = (await Promise.all(named ? [named()] : Object.values(MODULES).map((load) => load()))).map((m) => m.command);
COMMANDS.push(ownArgsCommand('crawl', 'crawl provincial news sites into the store (--once for cron, --every 6h, --status)', () => import('./commands/crawl.ts')));
COMMANDS.push(ownArgsCommand('check', "is a claim's figure supported by the stored sources? (exit 0/1/2: supported/contradicted/not found)", () => import('./commands/check.ts')));
COMMANDS.push(ownArgsCommand('serve', 'browse, search and check the store in a web page on 127.0.0.1 (read-only)', () => import('./commands/serve.ts')));

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

function program(): Command {
  const p = new commander.Command('solieu')
    .description('figures from Vietnamese reports on the National Target Programmes, with citations')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .helpCommand('help [command]', 'show the help of a command')
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({ outputError: (str, write) => write(`solieu: ${str.replace(/^error: /, '')}`) })
    .showHelpAfterError("(see 'solieu --help')")
    .addHelpText(
      'after',
      '\nThe database is ./solieu.sqlite, or $SOLIEU_DB, or --db PATH.\n' +
        "Run 'solieu help COMMAND' or 'solieu COMMAND --help' for a command's options and examples.\n",
    );
  for (const c of COMMANDS) p.addCommand(c);
  return p;
}

// A reader that stops early (`solieu export | head -1`) closes the pipe: that is the end of the
// job, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

// `solieu help CMD` is `solieu CMD --help`, also for a command that prints its own usage.
const argv = process.argv.slice(2);
if (argv[0] === 'help' && argv.length === 2 && COMMANDS.some((c) => c.name() === argv[1])) argv.splice(0, 2, argv[1], '--help');

program()
  .parseAsync(argv, { from: 'user' })
  .catch((err: unknown) => {
    if (err instanceof commander.CommanderError) {
      // Help and --version end in 0; anything commander refused is a usage error.
      process.exitCode = err.exitCode === 0 ? 0 : USAGE_EXIT;
      return;
    }
    // Bad input is the user's to fix: one line. Anything else is ours: keep the stack.
    if (err instanceof InputError) process.stderr.write(`solieu: ${err.message}\n`);
    else process.stderr.write(`solieu: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
