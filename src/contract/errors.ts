// One kind of error for bad input: its message is the one line a user sees ("<file>: <reason>").
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'InputError';
  }
}

/** A command used wrongly (a bad option value): one line and the usage, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
