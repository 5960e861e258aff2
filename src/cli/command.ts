import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** One subcommand: its help text and its run, which returns the exit code. */
export interface Command {
  help: string;
  run(argv: string[]): Promise<number>;
}

export class UsageError extends Error {}

/**
 * node:util parseArgs with strict checking, turning its errors into a UsageError whose message
 * names the bad flag (the caller prints it with the command's help and exits 2).
 */
export function parseFlags<T extends Options>(
  argv: string[],
  options: T,
  allowPositionals = true,
): ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: boolean; strict: true }>> {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
