// The schedule's log: one line per run (and one per lifecycle event), for a person watching a
// terminal or, with --log-format json, for a log collector (one JSON object per line).
import type { PublishReport } from '../publish/report.js';
import { formatDiagnostic } from '../publish/report.js';

export type LogFormat = 'human' | 'json';

export type ScheduleEvent =
  | { event: 'scheduled'; at: string; cron: string; timezone: string; nextRun: string | null }
  | { event: 'run'; at: string; scheduledFor: string | null; report: PublishReport; nextRun: string | null }
  | { event: 'error'; at: string; scheduledFor: string | null; message: string; durationMs: number; nextRun: string | null }
  | { event: 'skipped'; at: string; scheduledFor: string; reason: string; nextRun: string | null }
  | { event: 'stopping'; at: string; signal: string; inFlight: boolean }
  | { event: 'aborting'; at: string; signal: string }
  | { event: 'stopped'; at: string; exitCode: number }
  | { event: 'notice'; at: string; message: string };

export function formatEvent(e: ScheduleEvent, format: LogFormat): string {
  if (format === 'json') return JSON.stringify(e.event === 'run' ? runJson(e) : e) + '\n';
  return human(e) + '\n';
}

function runJson(e: Extract<ScheduleEvent, { event: 'run' }>): Record<string, unknown> {
  const r = e.report;
  return {
    event: 'run',
    at: e.at,
    scheduledFor: e.scheduledFor,
    startedAt: r.startedAt,
    outcome: r.outcome,
    exitCode: r.exitCode,
    articles: r.articles,
    rejected: r.rejected,
    embargoed: r.embargoed,
    files: r.files,
    problems: r.problems,
    notices: r.notices,
    durationMs: r.durationMs,
    nextRun: e.nextRun,
  };
}

const MAX_LISTED = 3;

function human(e: ScheduleEvent): string {
  switch (e.event) {
    case 'scheduled':
      return `${e.at} scheduled "${e.cron}" (${e.timezone}); next run ${e.nextRun ?? 'never'}`;
    case 'run': {
      const r = e.report;
      const a = r.articles;
      const parts = [
        `${r.startedAt} ${r.outcome === 'failed' ? 'failed (exit 2)' : r.outcome}`,
        `${a.seen} seen, ${a.changed} changed, ${a.removed} removed, ${a.rejected} rejected, ${a.embargoed} embargoed`,
      ];
      if (r.rejected.length) parts.push(listed('rejected', r.rejected.map(formatDiagnostic)));
      if (r.problems.length) parts.push(listed('problems', r.problems));
      if (r.outcome !== 'failed') parts.push(r.files.written.length ? `wrote ${r.files.written.join(', ')}` : 'files unchanged');
      parts.push(`${r.durationMs} ms`, `next run ${e.nextRun ?? 'none'}`);
      return parts.join('; ');
    }
    case 'error':
      return `${e.at} error: ${e.message}; ${e.durationMs} ms; next run ${e.nextRun ?? 'none'}`;
    case 'skipped':
      return `${e.at} skipped the run due ${e.scheduledFor}: ${e.reason}; next run ${e.nextRun ?? 'none'}`;
    case 'stopping':
      return `${e.at} ${e.signal}: ${e.inFlight ? 'finishing the run in flight, then stopping (send it again to abort the run)' : 'stopping'}`;
    case 'aborting':
      return `${e.at} ${e.signal} again: aborting the run in flight; output/ keeps its last good files`;
    case 'stopped':
      return `${e.at} stopped (exit ${e.exitCode})`;
    case 'notice':
      return `${e.at} ${e.message}`;
  }
}

function listed(label: string, items: string[]): string {
  const shown = items.slice(0, MAX_LISTED).join(' | ');
  return `${label}: ${shown}${items.length > MAX_LISTED ? ` | … ${items.length - MAX_LISTED} more` : ''}`;
}
