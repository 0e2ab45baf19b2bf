// The --db option every store command takes.
import type { Command } from 'commander';

export interface DbOptions {
  db?: string;
}

export function dbOption(cmd: Command): Command {
  return cmd.option('--db <path>', 'the database (default ./solieu.sqlite, or $SOLIEU_DB)');
}
