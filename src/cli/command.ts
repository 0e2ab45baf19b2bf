// What every solieu command shares: how errors and help are printed, examples in --help, and
// the exit code an action returns. A command module builds its Command with `solieuCommand`.
import { Command } from 'commander';
import { UsageError } from '../contract/errors.ts';

/** Exit code for a command used wrongly (unknown flag, bad value), as Unix tools do. */
export const USAGE_EXIT = 2;

/** A subcommand with solieu's error style: "solieu NAME: problem", then its usage line, exit 2. */
export function solieuCommand(name: string, summary: string): Command {
  const cmd = new Command(name).description(summary).helpOption('-h, --help', 'show this help');
  cmd
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({ outputError: (str, write) => write(`solieu ${name}: ${str.replace(/^error: /, '')}`) });
  return cmd;
}

/** Adds the usage line after every error; call once the arguments are declared. */
export function withUsageAfterErrors(cmd: Command): Command {
  return cmd.showHelpAfterError(`usage: solieu ${cmd.name()} ${cmd.usage()}  (more: solieu help ${cmd.name()})`);
}

/** "Examples:" after the options in --help. */
export function withExamples(cmd: Command, examples: [command: string, what: string][]): Command {
  const lines = examples.map(([c, what]) => `  $ ${c}\n      ${what}`);
  return cmd.addHelpText('after', `\nExamples:\n${lines.join('\n')}\n`);
}

/**
 * Wraps an action: its number is the exit code, and a UsageError becomes the command's own error
 * (one line plus usage, exit 2). Commander passes the Command itself last.
 */
export function act<A extends unknown[]>(run: (...args: A) => Promise<number>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const cmd = args[args.length - 1] as Command;
    try {
      process.exitCode = await run(...args);
    } catch (e) {
      if (e instanceof UsageError) cmd.error(e.message, { exitCode: USAGE_EXIT, code: 'solieu.usage' });
      throw await damagedStore(e, cmd);
    }
  };
}

/** SQLite finding the file damaged past its header (pages overwritten, cut short) is the file's
 *  fault, whichever statement met it: one line naming the database, not a stack. */
async function damagedStore(e: unknown, cmd: Command): Promise<unknown> {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !(code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) return e;
  const [{ resolveDbPath }, { InputError }] = await Promise.all([import('../store/db.ts'), import('../contract/errors.ts')]);
  // --db as a declared option, or among the arguments of a command that parses its own.
  const declared = cmd.opts().db as string | undefined;
  const at = cmd.args.indexOf('--db');
  const flag = declared ?? (at >= 0 ? cmd.args[at + 1] : cmd.args.find((a) => a.startsWith('--db='))?.slice(5));
  return new InputError(resolveDbPath(flag), `is damaged (SQLite: ${(e as Error).message}): restore it from a backup, or ingest the files again into a new database`);
}

/**
 * A command whose module parses its own arguments (`run(argv)` with node:util parseArgs and a
 * USAGE text, as `crawl` does): listed in `solieu --help`, its usage for --help and `help NAME`,
 * every other argument handed to it as given.
 */
export function ownArgsCommand(
  name: string,
  summary: string,
  load: () => Promise<{ run(argv: string[]): Promise<number>; USAGE: string }>,
): Command {
  const cmd = solieuCommand(name, summary).helpOption(false).allowUnknownOption().allowExcessArguments().argument('[args...]');
  // `crawl --help` (and `solieu help crawl`, which main turns into it) prints the module's USAGE.
  cmd.option('-h, --help', 'show this help');
  return cmd.action(
    act(async (args: string[], opts: { help?: boolean }) => {
      const mod = await load();
      if (opts.help) {
        process.stdout.write(mod.USAGE);
        return 0;
      }
      return mod.run(args);
    }),
  );
}
