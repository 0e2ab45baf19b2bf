// Progress for long jobs, on stderr and only on a terminal: pipes, files and --quiet get none, so
// stdout stays the command's output and logs stay clean. Drawn by cli-progress, loaded only when a
// bar is drawn (it and its 20 modules took ~8 ms of a command's start).
import { createRequire } from 'node:module';

export interface Progress {
  /** One item done; `label` names the next or current one. */
  tick(label: string): void;
  /** A line for the user (a failure, a skipped file), printed above the bar. */
  note(line: string): void;
  stop(): void;
}

export function shows(quiet: boolean | undefined): boolean {
  return !quiet && process.stderr.isTTY === true;
}

/** A bar over `total` items of `what` ("files", "documents"). */
export function progress(total: number, what: string, opts: { quiet?: boolean }): Progress {
  if (!shows(opts.quiet)) return { tick: () => {}, note: (line) => process.stderr.write(line + '\n'), stop: () => {} };
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
  const bars = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      clearOnComplete: true,
      hideCursor: true,
      format: `{bar} {value}/{total} ${what} | {eta_formatted} left | {label}`,
      autopadding: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = bars.create(total, 0, { label: '' });
  // Drawn at once: cli-progress draws on a timer, which a batch storing without a pause may not
  // let run before it ends (then the user saw no bar at all).
  bars.update();
  return {
    tick: (label) => bar.increment(1, { label: label.length > 40 ? '…' + label.slice(-39) : label }),
    note: (line) => bars.log(line + '\n'),
    stop: () => bars.stop(),
  };
}

/** "auditing…" for a step that may take a while and has no count; cleared by the returned function. */
export function status(text: string, opts: { quiet?: boolean }): () => void {
  if (!shows(opts.quiet)) return () => {};
  process.stderr.write(`${text}…`);
  return () => process.stderr.write('\r\x1b[K');
}
