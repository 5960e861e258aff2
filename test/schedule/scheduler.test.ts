import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import type { FileData } from '../../src/publish/fsio.js';
import type { PublishReport } from '../../src/publish/report.js';
import { checkSchedule, startSchedule, type ScheduleOptions } from '../../src/schedule/scheduler.js';
import { statusFile } from '../../src/schedule/status.js';
import { waitFor } from '../helpers/cli.js';
import { feedErrors } from '../helpers/feeds.js';
import { datedArticle, failingFs, makeProject, publishProject, type TempProject } from '../helpers/project.js';

type Logged = { event: string; [k: string]: unknown };

async function project(): Promise<TempProject> {
  return makeProject({
    articles: { 'a.txt': datedArticle(1, '2024-02-01T09:00:00Z'), 'b.txt': datedArticle(2, '2024-02-02T09:00:00Z') },
  });
}

/** A schedule over a temp project, logging JSON lines into `log`. */
function schedule(p: TempProject, log: Logged[], opts: Partial<ScheduleOptions> = {}) {
  return startSchedule({
    cron: '*/1 * * * * *',
    timezone: 'UTC',
    run: (signal) => publishProject(p, () => new Date(), { signal }),
    statusFile: statusFile(p.root),
    logFormat: 'json',
    write: (line) => log.push(JSON.parse(line)),
    bindProcessSignals: false,
    ...opts,
  });
}

const ofKind = (log: Logged[], event: string) => log.filter((l) => l.event === event);

/** A promise with its resolve function, for gating a run. */
function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

test('a bad cron expression or zone is refused at start, naming it', () => {
  assert.deepEqual(checkSchedule('*/10 * * * * *', 'Europe/Paris'), []);
  assert.match(checkSchedule('*/x * * * *', 'UTC')[0], /cron expression "\*\/x \* \* \* \*" is not valid: minute/);
  assert.match(checkSchedule('* * * *', 'UTC')[0], /expected 5 or 6 fields/);
  assert.match(checkSchedule('* * * * *', 'Mars/Olympus')[0], /time zone "Mars\/Olympus"/);
});

test('a seconds-level schedule runs each second: one line per run, "unchanged" when nothing changed, status.json', { timeout: 30_000 }, async (t) => {
  const p = await project();
  t.after(() => p.cleanup());
  const log: Logged[] = [];
  const handle = schedule(p, log);
  const [scheduled] = ofKind(log, 'scheduled');
  assert.ok(scheduled.nextRun, 'the next run is announced at start');
  await waitFor(() => ofKind(log, 'run').length >= 3);
  handle.signal('SIGTERM');
  assert.equal(await handle.done, 0);

  const runs = ofKind(log, 'run');
  assert.equal(runs[0].outcome, 'published');
  assert.deepEqual(runs[0].articles, { seen: 2, changed: 2, removed: 0, rejected: 0, embargoed: 0 });
  assert.equal(runs[1].outcome, 'unchanged');
  assert.deepEqual((runs[1].files as { written: string[] }).written, []);
  const slots = runs.map((r) => Date.parse(r.scheduledFor as string));
  for (const s of slots) assert.equal(s % 1000, 0, 'each run belongs to a whole-second tick');
  for (let i = 1; i < slots.length; i++) assert.ok(slots[i] > slots[i - 1], 'ticks in order, none run twice');
  for (const r of runs.slice(0, -1)) assert.ok(r.nextRun, 'each line names the next run');

  const status = JSON.parse(await readFile(statusFile(p.root), 'utf8'));
  assert.equal(status.outcome, 'unchanged');
  assert.equal(status.exitCode, 0);
  assert.ok(status.lastSuccessAt);
  assert.equal(status.cron, '*/1 * * * * *');
  assert.equal(ofKind(log, 'stopped').length, 1);
});

test('a tick that comes while a run is going is skipped and logged', { timeout: 30_000 }, async (t) => {
  const p = await project();
  t.after(() => p.cleanup());
  const log: Logged[] = [];
  const hold = gate();
  let calls = 0;
  const handle = schedule(p, log, {
    run: async (signal) => {
      if (++calls === 1) await hold.wait; // the first run lasts until two ticks were skipped
      return publishProject(p, () => new Date(), { signal });
    },
  });
  await waitFor(() => ofKind(log, 'skipped').length >= 2);
  hold.open();
  await waitFor(() => ofKind(log, 'run').length >= 2);
  handle.signal('SIGINT');
  assert.equal(await handle.done, 0);
  const skipped = ofKind(log, 'skipped');
  assert.match(skipped[0].reason as string, /previous run is still going/);
  assert.ok(skipped[0].scheduledFor);
  assert.equal(ofKind(log, 'run')[0].outcome, 'published');
});

test('--run-now publishes at once, and a tick during that run is skipped too', { timeout: 30_000 }, async (t) => {
  const p = await project();
  t.after(() => p.cleanup());
  const log: Logged[] = [];
  const hold = gate();
  let calls = 0;
  const handle = schedule(p, log, {
    runNow: true,
    run: async (signal) => {
      if (++calls === 1) await hold.wait;
      return publishProject(p, () => new Date(), { signal });
    },
  });
  assert.equal(calls, 1, 'the first run started without waiting for a tick');
  await waitFor(() => ofKind(log, 'skipped').length >= 1);
  hold.open();
  await waitFor(() => ofKind(log, 'run').length >= 1);
  handle.signal('SIGTERM');
  assert.equal(await handle.done, 0);
  assert.equal(ofKind(log, 'run')[0].scheduledFor, null, 'the run-now run belongs to no tick');
});

test('a run that throws is logged and the schedule goes on', { timeout: 30_000 }, async (t) => {
  const p = await project();
  t.after(() => p.cleanup());
  const log: Logged[] = [];
  let calls = 0;
  const handle = schedule(p, log, {
    run: async (signal): Promise<PublishReport> => {
      if (++calls === 1) throw new Error('disk exploded');
      return publishProject(p, () => new Date(), { signal });
    },
  });
  await waitFor(() => ofKind(log, 'error').length >= 1);
  const status = JSON.parse(await readFile(statusFile(p.root), 'utf8'));
  assert.equal(status.outcome, 'error');
  assert.equal(status.error, 'disk exploded');
  await waitFor(() => ofKind(log, 'run').length >= 1);
  handle.signal('SIGTERM');
  assert.equal(await handle.done, 0);
  assert.equal(ofKind(log, 'run')[0].outcome, 'published');
  assert.equal(JSON.parse(await readFile(statusFile(p.root), 'utf8')).outcome, 'published');
});

test('SIGTERM during a run lets it finish, then stops with exit 0', { timeout: 30_000 }, async (t) => {
  const p = await project();
  t.after(() => p.cleanup());
  const log: Logged[] = [];
  const hold = gate();
  const started = gate();
  const handle = schedule(p, log, {
    run: async (signal) => {
      started.open();
      await hold.wait;
      return publishProject(p, () => new Date(), { signal });
    },
  });
  await started.wait;
  handle.signal('SIGTERM');
  assert.equal(ofKind(log, 'stopping')[0].inFlight, true);
  let stopped = false;
  void handle.done.then(() => (stopped = true));
  await new Promise((r) => setImmediate(r));
  assert.equal(stopped, false, 'does not stop while the run is in flight');
  hold.open();
  assert.equal(await handle.done, 0);
  const runs = ofKind(log, 'run');
  assert.equal(runs.length, 1, 'no run after the signal');
  assert.equal(runs[0].outcome, 'published');
  assert.deepEqual(feedErrors(await p.outputs()), { 'rss.xml': [], 'atom.xml': [], 'feed.json': [] });
});

test('a second signal aborts the run in flight: staging discarded, output/ untouched', { timeout: 30_000 }, async (t) => {
  const p = await project();
  t.after(() => p.cleanup());
  await publishProject(p, () => new Date());
  const before = await p.outputs();
  await p.writeArticle('c.txt', datedArticle(3, '2024-02-03T09:00:00Z'));
  const log: Logged[] = [];
  const staging = gate();
  const handle = schedule(p, log, {
    run: (signal) => {
      // The run stops in the middle of writing its staging folder until it is aborted.
      const slow = failingFs((op, file) => {
        if (op === 'writeFileSynced' && file.includes('staging')) staging.open();
        return null;
      });
      const blocking = {
        ...slow,
        writeFileSynced: async (file: string, data: FileData) => {
          await slow.writeFileSynced(file, data);
          if (file.includes('staging') && !signal.aborted) await new Promise((r) => signal.addEventListener('abort', r, { once: true }));
        },
      };
      return publishProject(p, () => new Date(), { signal, fs: blocking });
    },
  });
  await staging.wait;
  handle.signal('SIGTERM');
  handle.signal('SIGTERM');
  assert.equal(await handle.done, 143);
  assert.equal(ofKind(log, 'aborting').length, 1);
  assert.match(ofKind(log, 'error')[0].message as string, /aborted by SIGTERM/);
  assert.deepEqual(await p.outputs(), before);
  assert.ok(!(await readdir(p.root)).some((n) => n.includes('staging')));
  assert.ok(!(await readdir(path.join(p.root, '.wirefeed'))).includes('publish.lock'));
  assert.equal(JSON.parse(await readFile(statusFile(p.root), 'utf8')).outcome, 'error');
});
