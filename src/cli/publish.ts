import path from 'node:path';
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig, type Config } from '../publish/config.js';
import { runPublish, toIso } from '../publish/job.js';
import { displayPath, failedReport, formatSummary, type PublishReport } from '../publish/report.js';
import { defaultStages } from '../publish/stages.js';
import { tunePublishingProcess } from './v8-settings.js';
import { parseFlags, UsageError, type Command } from './command.js';

/** The flags `publish` and `schedule` share. */
export const PUBLISH_OPTIONS = {
  config: { type: 'string' },
  articles: { type: 'string' },
  output: { type: 'string' },
  'rebuild-ledger': { type: 'boolean' },
} as const;

export const PUBLISH_FLAGS_HELP = `  --config FILE      site settings (default: ${DEFAULT_CONFIG_FILE})
  --articles DIR     the article files, *.txt, *.md and *.json, subfolders too
                     (default: articles/ beside the config file)
  --output DIR       where the feeds go (default: output/ beside the config file)
  --rebuild-ledger   start a new .wirefeed/ledger.json instead of reading the one there
                     (after it was lost or damaged on purpose: every article without a
                     date of its own is dated anew, and ids are minted again)
`;

const HELP = `Usage: wirefeed publish [options]

Reads the articles, renders RSS 2.0, Atom 1.0 and JSON Feed 1.1, validates every file and
only then swaps them into the output folder, all at once. When nothing changed since the
last run it reads nothing, writes nothing and says "unchanged".

Options:
${PUBLISH_FLAGS_HELP}  --json             print the run's report as one JSON object

Exit codes: 0 published (or unchanged); 1 some articles were rejected (each named with
file, line and reason; one whose item fails validation is left out the same way) but the
feeds are current; 2 nothing published (bad config, unreadable articles folder or ledger, a
feed failing validation outside any item, a write error) — the last good files stay in place.
`;

export interface PublishTarget {
  config: Config;
  articlesDir: string;
  outputDir: string;
}

/** Loads the config and resolves the folders: flags relative to the working folder, defaults to the config's. */
export async function resolveTarget(values: { config?: string; articles?: string; output?: string }): Promise<PublishTarget> {
  const config = await loadConfig(values.config ?? DEFAULT_CONFIG_FILE);
  return {
    config,
    articlesDir: values.articles ? path.resolve(values.articles) : path.join(config.root, 'articles'),
    outputDir: values.output ? path.resolve(values.output) : path.join(config.root, 'output'),
  };
}

export function configProblems(err: ConfigError): string[] {
  return err.problems.map((p) => `${displayPath(err.file)}: ${p}`);
}

export const command: Command = {
  help: HELP,
  async run(argv) {
    let values;
    try {
      ({ values } = parseFlags(argv, { ...PUBLISH_OPTIONS, json: { type: 'boolean' } }, false));
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      process.stderr.write(`wirefeed publish: ${err.message}\n\n${HELP}`);
      return 2;
    }
    let report: PublishReport;
    try {
      const target = await resolveTarget(values);
      report = await runPublish({
        ...target,
        now: () => new Date(),
        stages: defaultStages({ beforeWork: tunePublishingProcess }),
        rebuildLedger: values['rebuild-ledger'] ?? false,
      });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      report = failedReport(toIso(new Date()), configProblems(err));
    }
    if (values.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    else (report.exitCode === 2 ? process.stderr : process.stdout).write(formatSummary(report));
    return report.exitCode;
  },
};
