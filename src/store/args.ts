// Command-line parsing for the store commands: a bad option is a usage error (exit 2 with the
// usage text), not an internal error with a stack.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export function argsOrUsage<T extends ParseArgsConfig>(config: T, command: string, usage: string): ReturnType<typeof parseArgs<T>> | null {
  try {
    return parseArgs(config);
  } catch (e) {
    process.stderr.write(`solieu ${command}: ${(e as Error).message}\n${usage}`);
    return null;
  }
}
