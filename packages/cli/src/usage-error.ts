import { PolyvmError } from '@polyvm/core';

/**
 * A command line the CLI cannot act on: an unknown command or flag, a missing argument, a bad
 * number. The CLI prints it with the command's usage line and exits with status 2, the Unix
 * convention for "incorrect usage" (as in bash builtins and getopt-based tools).
 */
export class UsageError extends PolyvmError {
  override name = 'UsageError';
  /** The usage line of the command that was misused, when known. */
  readonly usage: string | undefined;

  constructor(message: string, usage?: string) {
    super('INVALID_ARGUMENT', message);
    this.usage = usage;
  }
}
