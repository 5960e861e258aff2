// `wirefeed schedule`: `wirefeed publish` on a cron expression, unattended, until stopped.
import { ConfigError, DEFAULT_CONFIG_FILE } from '../publish/config.js';
import { runPublish, toIso } from '../publish/job.js';
import { displayPath, failedReport, type PublishReport } from '../publish/report.js';
import { defaultStages } from '../publish/stages.js';
import { tunePublishingProcess } from './v8-settings.js';
import { checkSchedule, startSchedule } from '../schedule/scheduler.js';
import { statusFile } from '../schedule/status.js';
import type { LogFormat } from '../schedule/log.js';
import { startServer, type RunningServer } from '../serve/server.js';
import { parseFlags, UsageError, type Command } from './command.js';
import { configProblems, PUBLISH_FLAGS_HELP, PUBLISH_OPTIONS, resolveTarget } from './publish.js';

const HELP = `Usage: wirefeed schedule [publish options] [--cron EXPR] [--tz ZONE] [--run-now]
                         [--log-format human|json] [--serve [--host H] [--port N]]

Publishes on a cron schedule until stopped. Each run is a full 'wirefeed publish': validated,
atomic, "unchanged" when nothing changed. A tick that comes while a run is still going is
skipped (and logged); a run that fails is logged and the schedule goes on.

Ctrl-C or SIGTERM lets the run in flight finish, then exits 0. A second one aborts that run
at once: its staging folder is discarded and the output folder keeps its last good files.

Publish options:
${PUBLISH_FLAGS_HELP.replace('start a new', 'on the first run, start a new')}
Schedule options:
  --cron EXPR        cron expression, 5 fields or 6 with seconds first
                     (default: schedule.cron in the config, else '*/15 * * * *')
  --tz ZONE          IANA time zone the expression is read in
                     (default: schedule.timezone, else site.timezone)
  --run-now          publish once at start, then follow the schedule
  --log-format F     human (default) or json: one JSON object per line
  --serve            also serve the output folder over HTTP (as 'wirefeed serve')
  --host H           with --serve: interface (default 127.0.0.1)
  --port N           with --serve: port (default 8080; 0 picks a free one)

One log line per run: start time, articles seen/changed/removed/rejected/embargoed, files
written or "files unchanged", duration and the next run. The last run's outcome is kept in
.wirefeed/status.json beside the config, for monitoring.
`;

export const command: Command = {
  help: HELP,
  async run(argv) {
    let values;
    try {
      ({ values } = parseFlags(
        argv,
        {
          ...PUBLISH_OPTIONS,
          cron: { type: 'string' },
          tz: { type: 'string' },
          'run-now': { type: 'boolean' },
          'log-format': { type: 'string' },
          serve: { type: 'boolean' },
          host: { type: 'string' },
          port: { type: 'string' },
        },
        false,
      ));
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      return usage(err.message);
    }
    const logFormat = (values['log-format'] ?? 'human') as LogFormat;
    if (logFormat !== 'human' && logFormat !== 'json') return usage(`--log-format must be human or json, not "${logFormat}"`);
    const port = values.port === undefined ? 8080 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) return usage(`--port must be a whole number from 0 to 65535, not "${values.port}"`);

    let target;
    try {
      target = await resolveTarget(values);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      process.stderr.write(configProblems(err).map((p) => `wirefeed schedule: ${p}\n`).join(''));
      return 2;
    }
    const cron = values.cron ?? target.config.schedule.cron;
    const tz = values.tz ?? target.config.schedule.timezone;
    const problems = checkSchedule(cron, tz);
    if (problems.length) {
      const from = `(from ${values.cron !== undefined ? '--cron' : `schedule.cron in ${displayPath(target.config.file || DEFAULT_CONFIG_FILE)}`}${values.tz !== undefined ? ', --tz' : ''})`;
      process.stderr.write(problems.map((p) => `wirefeed schedule: ${p} ${from}\n`).join(''));
      return 2;
    }

    const write = (line: string): void => void process.stdout.write(line);
    let server: RunningServer | null = null;
    if (values.serve) {
      try {
        server = await startServer({
          outputDir: target.outputDir,
          host: values.host ?? '127.0.0.1',
          port,
          maxAge: target.config.serve.maxAge,
          hubs: target.config.site.hubs,
          selfBaseUrl: target.config.site.feedBaseUrl,
        });
      } catch (err) {
        process.stderr.write(`wirefeed schedule: cannot listen: ${(err as Error).message}\n`);
        return 2;
      }
      write(logFormat === 'json' ? JSON.stringify({ event: 'serving', url: server.url }) + '\n' : `serving ${server.url}\n`);
    }

    let rebuildLedger = values['rebuild-ledger'] ?? false;
    const handle = startSchedule({
      cron,
      timezone: tz,
      runNow: values['run-now'] ?? false,
      statusFile: statusFile(target.config.root),
      logFormat,
      write,
      async run(signal): Promise<PublishReport> {
        // The config is read again at every run, so an edit takes effect without a restart
        // (the cron expression and zone excepted); a broken edit fails that run, not the schedule.
        let current;
        try {
          current = await resolveTarget(values);
        } catch (err) {
          if (!(err instanceof ConfigError)) throw err;
          return failedReport(toIso(new Date()), configProblems(err));
        }
        const report = await runPublish({ ...current, now: () => new Date(), stages: defaultStages({ beforeWork: tunePublishingProcess }), rebuildLedger, signal });
        if (report.outcome !== 'failed') rebuildLedger = false; // a rebuild is for the first good run only
        return report;
      },
    });
    const code = await handle.done;
    await server?.close();
    return code;
  },
};

function usage(message: string): number {
  process.stderr.write(`wirefeed schedule: ${message}\n\n${HELP}`);
  return 2;
}
