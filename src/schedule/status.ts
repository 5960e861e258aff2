// .wirefeed/status.json: the last scheduled run's outcome, for monitoring (a health check can
// alert when `lastSuccessAt` grows old or `outcome` is "failed"/"error"). Written atomically.
import path from 'node:path';
import { writeFileAtomic } from '../publish/atomic.js';
import { nodeFs, type PublishFs } from '../publish/fsio.js';
import type { PublishReport } from '../publish/report.js';
import { formatDiagnostic } from '../publish/report.js';

export interface RunStatus {
  outcome: PublishReport['outcome'] | 'error';
  /** The publish exit code (0, 1, 2); null when the run threw. */
  exitCode: number | null;
  scheduledFor: string | null;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  articles: PublishReport['articles'] | null;
  /** `file:line: reason` of each rejected article. */
  rejected: string[];
  problems: string[];
  files: PublishReport['files'] | null;
  /** The message of a run that threw. */
  error: string | null;
  /** When the last run that published or found nothing to change finished. */
  lastSuccessAt: string | null;
  nextRun: string | null;
  cron: string;
  timezone: string;
  pid: number;
}

export function statusFile(root: string): string {
  return path.join(root, '.wirefeed', 'status.json');
}

export function statusFromReport(r: PublishReport): Pick<RunStatus, 'outcome' | 'exitCode' | 'articles' | 'rejected' | 'problems' | 'files' | 'error'> {
  return {
    outcome: r.outcome,
    exitCode: r.exitCode,
    articles: r.articles,
    rejected: r.rejected.map(formatDiagnostic),
    problems: r.problems,
    files: r.files,
    error: null,
  };
}

/** The last success recorded by an earlier process, so a restart does not forget it. */
export async function readLastSuccess(file: string, fs: PublishFs = nodeFs): Promise<string | null> {
  try {
    const v = JSON.parse(new TextDecoder().decode(await fs.readFile(file))) as Partial<RunStatus>;
    return typeof v.lastSuccessAt === 'string' ? v.lastSuccessAt : null;
  } catch {
    return null;
  }
}

export async function writeStatus(file: string, status: RunStatus, fs: PublishFs = nodeFs): Promise<void> {
  await writeFileAtomic(fs, file, JSON.stringify(status, null, 2) + '\n');
}
