// `wirefeed schedule`: publish on a cron expression until stopped.
//  - the expression and zone are checked before anything starts, a bad one named;
//  - a tick that comes while a run is going is skipped and logged (node-cron's noOverlap, plus
//    our own guard for the --run-now run, which node-cron does not track);
//  - a run that throws is logged, recorded in status.json, and the schedule goes on;
//  - SIGINT/SIGTERM: no new runs; the run in flight finishes, then exit 0. A second signal
//    aborts the run in flight: the publish job discards its staging folder and output/ keeps
//    its last good files (the job checks for the abort up to the moment it starts renaming).
import cron from 'node-cron';
import { isValidZone } from '../publish/config.js';
import type { PublishReport } from '../publish/report.js';
import type { PublishFs } from '../publish/fsio.js';
import { formatEvent, type LogFormat, type ScheduleEvent } from './log.js';
import { readLastSuccess, statusFromReport, writeStatus, type RunStatus } from './status.js';

export interface ScheduleOptions {
  cron: string;
  timezone: string;
  /** One publish run; it must stop (rejecting with an AbortError) soon after `signal` aborts. */
  run(signal: AbortSignal): Promise<PublishReport>;
  /** Run once at start, without waiting for the first tick. */
  runNow?: boolean;
  statusFile: string;
  logFormat: LogFormat;
  /** Where log lines go (stdout in the CLI). */
  write(line: string): void;
  /** Clock for log and status times (only timestamps; the schedule itself is node-cron's). */
  now?: () => Date;
  /** Listen to the process's SIGINT/SIGTERM (default true); tests call handle.signal() instead. */
  bindProcessSignals?: boolean;
  fs?: PublishFs;
}

export interface ScheduleHandle {
  /** Resolves with the exit code once the schedule has stopped: 0 after a graceful stop. */
  done: Promise<number>;
  /** Behaves as if the process received this signal. */
  signal(name: NodeJS.Signals): void;
  /** The next planned run, or null once stopping. */
  nextRun(): Date | null;
}

/** Problems with a cron expression and zone, each naming the value; empty when both are good. */
export function checkSchedule(expression: string, timezone: string): string[] {
  const problems: string[] = [];
  const v = cron.validateDetailed(expression);
  if (!v.valid) {
    const why = v.errors.map((e) => (e.field === 'expression' ? e.message : `${e.field}: ${e.message}`)).join('; ');
    problems.push(`cron expression "${expression}" is not valid: ${why || 'unreadable'}`);
  }
  if (!isValidZone(timezone)) problems.push(`time zone "${timezone}" is not an IANA zone (e.g. Europe/Paris, UTC)`);
  return problems;
}

/** Signals' conventional exit codes (128 + number) for a run aborted by a second signal. */
const ABORT_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

export function startSchedule(opts: ScheduleOptions): ScheduleHandle {
  const problems = checkSchedule(opts.cron, opts.timezone);
  if (problems.length) throw new Error(problems.join('; '));
  const now = opts.now ?? (() => new Date());
  const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
  const log = (e: ScheduleEvent): void => opts.write(formatEvent(e, opts.logFormat));

  let inFlight: Promise<void> | null = null;
  let controller: AbortController | null = null;
  let stopping: NodeJS.Signals | null = null;
  let abortedBy: NodeJS.Signals | null = null;
  let lastSuccessAt: string | null | undefined;
  let resolveDone!: (code: number) => void;
  const done = new Promise<number>((resolve) => (resolveDone = resolve));

  const task = cron.createTask(opts.cron, (ctx) => tick(ctx.date), {
    timezone: opts.timezone,
    noOverlap: true,
    name: 'wirefeed publish',
    // node-cron's own warnings are replaced by our log lines.
    logger: { info() {}, warn() {}, error() {}, debug() {} },
  });
  const nextRun = (): Date | null => (stopping ? null : task.getNextRun());
  task.on('execution:overlap', (ctx) => skipped(ctx.date));
  task.on('execution:missed', (ctx) => log({ event: 'notice', at: now().toISOString(), message: `missed the run due ${ctx.date.toISOString()} (the process was busy or asleep)` }));

  function skipped(slot: Date): void {
    log({ event: 'skipped', at: now().toISOString(), scheduledFor: slot.toISOString(), reason: 'the previous run is still going', nextRun: iso(nextRun()) });
  }

  function tick(slot: Date | null): Promise<void> {
    if (stopping) return Promise.resolve();
    if (inFlight) {
      if (slot) skipped(slot);
      return Promise.resolve();
    }
    const run = runOnce(slot).finally(() => {
      inFlight = null;
      controller = null;
    });
    inFlight = run;
    return run;
  }

  async function runOnce(slot: Date | null): Promise<void> {
    controller = new AbortController();
    const started = now();
    const t0 = performance.now();
    let status: Pick<RunStatus, 'outcome' | 'exitCode' | 'articles' | 'rejected' | 'problems' | 'files' | 'error'>;
    let line: (next: string | null) => ScheduleEvent;
    try {
      const report = await opts.run(controller.signal);
      status = statusFromReport(report);
      line = (next) => ({ event: 'run', at: now().toISOString(), scheduledFor: iso(slot), report, nextRun: next });
    } catch (err) {
      const message = abortedBy ? `run aborted by ${abortedBy}: staging discarded, output/ untouched` : errorText(err);
      status = { outcome: 'error', exitCode: null, articles: null, rejected: [], problems: [], files: null, error: message };
      const durationMs = Math.round(performance.now() - t0);
      line = (next) => ({ event: 'error', at: now().toISOString(), scheduledFor: iso(slot), message, durationMs, nextRun: next });
    }
    const finished = now();
    if (lastSuccessAt === undefined) lastSuccessAt = await readLastSuccess(opts.statusFile, opts.fs);
    if (status.outcome === 'published' || status.outcome === 'unchanged') lastSuccessAt = finished.toISOString();
    const next = iso(nextRun());
    // status.json first, then the log line: whoever reads the line finds the status current.
    await writeStatus(
      opts.statusFile,
      {
        ...status,
        scheduledFor: iso(slot),
        startedAt: started.toISOString(),
        finishedAt: finished.toISOString(),
        durationMs: Math.round(performance.now() - t0),
        lastSuccessAt,
        nextRun: next,
        cron: opts.cron,
        timezone: opts.timezone,
        pid: process.pid,
      },
      opts.fs,
    ).catch((err) => log({ event: 'notice', at: now().toISOString(), message: `status file not written: ${errorText(err)}` }));
    log(line(next));
  }

  function finish(code: number): void {
    task.destroy();
    if (opts.bindProcessSignals !== false) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    log({ event: 'stopped', at: now().toISOString(), exitCode: code });
    resolveDone(code);
  }

  function onSignal(sig: NodeJS.Signals): void {
    if (!stopping) {
      stopping = sig;
      task.stop();
      const running = inFlight;
      log({ event: 'stopping', at: now().toISOString(), signal: sig, inFlight: !!running });
      if (!running) finish(0);
      else void running.then(() => finish(abortedBy ? (ABORT_EXIT[abortedBy] ?? 1) : 0));
      return;
    }
    if (inFlight && controller && !abortedBy) {
      abortedBy = sig;
      log({ event: 'aborting', at: now().toISOString(), signal: sig });
      controller.abort();
    }
  }

  if (opts.bindProcessSignals !== false) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  task.start();
  log({ event: 'scheduled', at: now().toISOString(), cron: opts.cron, timezone: opts.timezone, nextRun: iso(nextRun()) });
  if (opts.runNow) void tick(null);

  return { done, signal: onSignal, nextRun };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
