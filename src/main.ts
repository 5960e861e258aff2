// The command line: picks the command and hands it the rest of argv. Each command lives in
// src/cli/<name>.ts and owns its flags, its output and its exit code. Started by the launcher
// (launch.cts, the installed `wirefeed`) or by cli.ts.
import { readFileSync } from 'node:fs';
import type { Command } from './cli/command.js';

export { startNotes } from './publish/timings.js';

const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  publish: () => import('./cli/publish.js'),
  normalize: () => import('./cli/normalize.js'),
  validate: () => import('./cli/validate.js'),
  schedule: () => import('./cli/schedule.js'),
  serve: () => import('./cli/serve.js'),
};

const USAGE = `wirefeed — news articles to RSS 2.0, Atom 1.0 and JSON Feed 1.1, validated before they publish

Usage: wirefeed <command> [options]

Commands:
  publish     read articles/, write output/rss.xml, atom.xml, feed.json (validated, atomic)
  normalize   print the canonical model of article files (--json)
  validate    check any RSS, Atom or JSON Feed file, folder or URL
  schedule    publish on a cron schedule until stopped
  serve       serve output/ over HTTP with conditional GET

Run 'wirefeed <command> --help' for a command's options.
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(pkg.version + '\n');
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`wirefeed: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help);
    return 0;
  }
  return command.run(rest);
}

/** Runs the command line and sets the process's exit code (the process ends when its work does). */
export function runMain(argv: string[]): Promise<void> {
  return main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`wirefeed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
