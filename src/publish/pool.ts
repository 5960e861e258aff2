// The publish pool: ingest and validation spread over worker threads AND the calling thread.
//
// Ingest: the calling thread and the workers share the file list and take chunks of it from a
// shared counter (work stealing), so whoever runs faster takes more and they finish together.
// A worker that dies, fails or stalls loses nothing: whatever it took and did not send back is
// done on the calling thread. Validation: feeds queue here and the workers pull them while the
// calling thread renders the next ones; it helps when the queue grows long, or when told to.
//
// Cheap when there is little to do: nothing is started until a call has enough work to pay for a
// worker (start-up plus copying results back, measured: see the thresholds below); smaller calls
// run on the calling thread alone. Workers never keep the process alive: they are unref'd
// whenever they have nothing of ours to do, and close() ends them.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ValidationReport } from '../validate/report.js';
import { claimChunk, ingestFile, loadIngest, newClaims, STOP, type IngestedFile, type IngestFilesOptions, type IngestInput } from './pool-ingest.js';
import { loadValidate, validateInput } from './pool-validate.js';
import type { FromWorker, ToWorker, WorkerFault } from './pool-worker.js';

export type { IngestInput, IngestedFile, IngestFilesOptions } from './pool-ingest.js';

export interface ValidateOptions {
  contentType?: string | null;
}

export interface PublishPool {
  /** Reads, sha256-hashes and ingests each file; results in input order. A file that cannot be
   *  read comes back as `{ ok: false, readError }`, never as a rejection of the whole call.
   *  Aborting the signal stops the work and rejects with the signal's reason. */
  ingestFiles(files: IngestInput[], opts: IngestFilesOptions, signal?: AbortSignal): Promise<IngestedFile[]>;
  /** The validator's report on one feed (bytes, or the text to be written as UTF-8). Meant to be
   *  called without waiting for the report at once: render the next feed meanwhile, and wait for
   *  the reports (after flush()) at the end. While workers start, and for runs with little to
   *  validate, it is done on the calling thread. */
  validate(input: Uint8Array | string, opts?: ValidateOptions): Promise<ValidationReport>;
  /** The text's UTF-8 bytes and the validator's report on them, both made off the calling
   *  thread when a worker is free (the bytes are handed over, not copied). */
  encodeAndValidate(text: string, opts?: ValidateOptions): Promise<{ bytes: Uint8Array; report: ValidationReport }>;
  /** Has the calling thread validate the feeds still waiting for a worker; resolves when none is
   *  left waiting (those a worker holds resolve their own promises). Call it when the calling
   *  thread has nothing else to do, before waiting for the reports. */
  flush(): Promise<void>;
  /** Starts the workers and loads their code now, ahead of calls known to come (optional; need
   *  not be awaited). Resolves when they are ready, or at once when the pool uses no workers. */
  warm(modules?: Array<'ingest' | 'validate'>): Promise<void>;
  /** Says an ingestFiles call of about `files` files is coming: if that is enough to start
   *  workers for, they start and load ingest's code now (while the caller lists the files)
   *  rather than when the call comes. */
  expectIngest(files: number): void;
  /** What the pool has done so far, by thread (for benchmarks and tests). */
  stats(): PoolStats;
  /** Ends the workers. The pool can still be used afterwards (it starts new ones). */
  close(): Promise<void>;
}

export interface PoolStats {
  /** Files ingested on the calling thread: its share, and the share of workers that failed. */
  filesHere: number;
  filesInWorkers: number;
  /** Files a worker took and never sent back, done again on the calling thread. */
  filesRedone: number;
  validationsHere: number;
  validationsInWorkers: number;
  workersStarted: number;
  /** Workers that died, failed a call or were ended for stalling. */
  workerFailures: number;
}

export interface PublishPoolOptions {
  /** Worker threads besides the calling thread (default: WIREFEED_WORKERS from the environment,
   *  else one per core but one, at most 3; 0 does everything on the calling thread). */
  workers?: number;
  /** Calls with fewer files run on the calling thread alone (unless a worker is already warm). */
  minFilesForWorkers?: number;
  /** Feeds are validated on the calling thread alone until this many bytes were asked for in all
   *  (or a worker is already warm): a run that validates a few feeds starts no worker. */
  minBytesForWorkers?: number;
  /** Feeds each worker holds at once (the next is sent as one is done). */
  maxQueuedValidations?: number;
  /** Queued feeds beyond this many bytes are validated by the calling thread as it adds more. */
  maxQueuedBytes?: number;
  /** A worker holding work of ours that sends nothing for this long is ended, its work redone here. */
  stallMs?: number;
  /** A worker that has not loaded its code after this long is ended likewise. */
  loadMs?: number;
  /** V8's young generation of each worker, MB (a larger one means far fewer scavenges). */
  youngGenerationMb?: number;
  /** Tests only: makes the workers fail on purpose. */
  fault?: WorkerFault;
}

// Measured on the 2-core machine (10k synthetic corpus and the ~300 feeds it publishes):
// - a worker is ready ~90 ms after it is asked for with ingest's code, ~60 ms with the
//   validator's (the calling thread is held ~4 ms); meanwhile the calling thread works alone;
// - the calling thread pays ~6 µs per result it receives (structured clone, chunks of 200),
//   a few % of ingesting the file; a feed costs ~0.2 ms/MB to copy, 3 % of validating it;
// - but a second V8 isolate compiles the same hot code again and collects its own garbage:
//   spreading 10k articles' ingest takes the calling thread from ~1.1 to ~0.75 s of CPU, and
//   costs ~0.8 s in the worker plus ~0.4 s more of compiler and GC threads.
/** Calling-thread CPU, alone → with a worker: 800 files 180 → 160 ms, 1,600: 310 → 260 ms,
 *  3,200: 530 → 460 ms (the worker joins after ~1,000 files); below this it is not worth a core. */
const MIN_FILES_FOR_WORKERS = 2000;
/** ~0.1 s of validation: the one-article-changed run (main feeds and one page, ~5 MB) stays on
 *  the calling thread; a cold run (~170 MB at 10k) starts a worker after its first few pages. */
const MIN_BYTES_FOR_WORKERS = 16 * 1024 * 1024;
/** Once a worker is warm, lists and feeds this small still stay here: a message costs more. */
const WARM_MIN_FILES = 2 * 50;
const MIN_FEED_BYTES = 16 * 1024;
const MAX_QUEUED_VALIDATIONS = 2;
/** ~60 archive pages, ~0.2 s of validation: enough to keep a worker busy while the calling
 *  thread renders, and a bound on the memory feeds waiting for a worker hold. */
const MAX_QUEUED_BYTES = 32 * 1024 * 1024;
/** Chunk sizes: the calling thread yields between chunks (to take the workers' results), so its
 *  chunks are smaller; a worker's result message per chunk is one copy, so its chunks are larger. */
const MAIN_MAX_CHUNK = 50;
const WORKER_MAX_CHUNK = 200;
const STALL_MS = 60_000;
const LOAD_MS = 60_000;
/** Worker scavenges, 10k ingest: 16 MB → 49 (~150 ms), 32 MB → 30 (~105 ms), 64 and 128 MB
 *  no better (V8 grows the semi-spaces only as far as survivors need). */
const YOUNG_GENERATION_MB = 32;
/** Workers that die one after another are replaced this many times, then the pool stops using any. */
const MAX_DEATHS = 3;

type CodeName = 'ingest' | 'validate';

interface Job {
  message(m: FromWorker): void;
  /** The worker died or was ended: what it held is not coming. */
  lost(): void;
}

interface Slot {
  worker: Worker;
  alive: boolean;
  /** Calls of ours it is busy with (while > 0 it keeps the process alive). */
  jobs: Map<number, Job>;
  validations: number;
  /** Code the worker has loaded, and code it was asked to load. */
  loaded: Set<CodeName>;
  loading: Map<CodeName, Promise<void>>;
  lastHeard: number;
  exited: Promise<void>;
}

export function createPublishPool(options: PublishPoolOptions = {}): PublishPool {
  const size = options.workers ?? defaultWorkers();
  const minFiles = options.minFilesForWorkers ?? MIN_FILES_FOR_WORKERS;
  const minBytes = options.minBytesForWorkers ?? MIN_BYTES_FOR_WORKERS;
  const maxQueued = options.maxQueuedValidations ?? MAX_QUEUED_VALIDATIONS;
  const maxQueuedBytes = options.maxQueuedBytes ?? MAX_QUEUED_BYTES;
  const stallMs = options.stallMs ?? STALL_MS;
  const loadMs = options.loadMs ?? LOAD_MS;
  const slots: Slot[] = [];
  let deaths = 0;
  let nextId = 1;
  const stats: PoolStats = { filesHere: 0, filesInWorkers: 0, filesRedone: 0, validationsHere: 0, validationsInWorkers: 0, workersStarted: 0, workerFailures: 0 };

  /** While closing, work the workers held or were to get is done here. */
  let closing = false;
  const usable = (): boolean => size > 0 && deaths < MAX_DEATHS && !closing;

  function spawn(): Slot {
    const worker = new Worker(workerEntry(), {
      workerData: { fault: options.fault },
      resourceLimits: { maxYoungGenerationSizeMb: options.youngGenerationMb ?? YOUNG_GENERATION_MB },
      // Its output is ours; it reads no stdin.
      stdin: false,
    });
    worker.unref();
    stats.workersStarted++;
    let exited!: () => void;
    const slot: Slot = { worker, alive: true, jobs: new Map(), validations: 0, loaded: new Set(), loading: new Map(), lastHeard: Date.now(), exited: new Promise((r) => (exited = r)) };
    worker.on('message', (m: FromWorker) => {
      slot.lastHeard = Date.now();
      slot.jobs.get(m.id)?.message(m);
    });
    // An uncaught error is followed by 'exit': the work is given back there.
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      slot.alive = false;
      const i = slots.indexOf(slot);
      if (i >= 0) {
        slots.splice(i, 1);
        deaths++;
        stats.workerFailures++;
      }
      const lost = [...slot.jobs.values()];
      slot.jobs.clear();
      for (const job of lost) job.lost();
      // Feeds that were waiting for it go to another worker, or are validated here.
      if (queue.length) dispatch();
      exited();
    });
    return slot;
  }

  /** Ends the worker if it says nothing for `ms` while it holds work of ours; returns the
   *  function that stops watching. */
  function watch(slot: Slot, ms: number): () => void {
    const timer = setInterval(() => {
      if (Date.now() - slot.lastHeard >= ms) void slot.worker.terminate();
    }, ms);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** The live workers, started now if need be. */
  function workers(): Slot[] {
    while (usable() && slots.length < size) slots.push(spawn());
    return slots;
  }

  function attach(slot: Slot, id: number, job: Job): void {
    if (slot.jobs.size === 0) slot.worker.ref();
    slot.jobs.set(id, job);
  }

  function detach(slot: Slot, id: number): void {
    if (slot.jobs.delete(id) && slot.jobs.size === 0 && slot.alive) slot.worker.unref();
  }

  /** Has the worker load some of our code (once); resolves when it has, or has died. */
  function load(slot: Slot, code: CodeName): Promise<void> {
    let loading = slot.loading.get(code);
    if (!loading) {
      loading = new Promise<void>((resolve) => {
        const id = nextId++;
        const unwatch = watch(slot, loadMs);
        attach(slot, id, {
          message(m) {
            unwatch();
            detach(slot, id);
            resolve();
            if (m.type === 'warmed') {
              slot.loaded.add(code);
              if (code === 'validate') dispatch();
            } else {
              // It cannot load our code: of no use, ended like a worker that died.
              void slot.worker.terminate();
            }
          },
          lost() {
            unwatch();
            resolve();
          },
        });
        slot.worker.postMessage({ type: 'warm', id, modules: [code] } satisfies ToWorker);
      });
      slot.loading.set(code, loading);
    }
    return loading;
  }

  /** A worker has (or is loading) this code: work for it no longer pays its start-up. */
  const warmFor = (code: CodeName): boolean => slots.some((s) => s.alive && s.loading.has(code));

  async function ingestFiles(files: IngestInput[], opts: IngestFilesOptions, signal?: AbortSignal): Promise<IngestedFile[]> {
    signal?.throwIfAborted();
    const ingest = await loadIngest();
    const total = files.length;
    const out = new Array<IngestedFile | undefined>(total);
    let filled = 0;
    const helpers = usable() && (total >= minFiles || (total >= WARM_MIN_FILES && warmFor('ingest'))) ? workers() : [];
    const parties = helpers.length + 1;
    const claims = newClaims();
    const id = nextId++;

    // Woken when a worker sends something, dies, or the signal is aborted.
    let wake: (() => void) | null = null;
    const notify = (): void => {
      const w = wake;
      wake = null;
      w?.();
    };
    const working = new Set<Slot>();
    for (const slot of helpers) {
      working.add(slot);
      attach(slot, id, {
        message(m) {
          if (m.type === 'chunk') {
            if (!slot.loaded.has('ingest')) {
              slot.loaded.add('ingest');
              slot.loading.set('ingest', Promise.resolve());
            }
            for (let k = 0; k < m.results.length; k++) out[m.start + k] = m.results[k];
            filled += m.results.length;
            stats.filesInWorkers += m.results.length;
          } else if (m.type === 'done') working.delete(slot);
          else if (m.type === 'failed') {
            stats.workerFailures++;
            working.delete(slot);
          }
          notify();
        },
        lost() {
          working.delete(slot);
          notify();
        },
      });
      const msg: ToWorker = { type: 'ingest', id, files, opts, claims: claims.buffer as SharedArrayBuffer, parties, maxChunk: WORKER_MAX_CHUNK };
      slot.worker.postMessage(msg);
    }
    signal?.addEventListener('abort', notify);
    try {
      for (;;) {
        signal?.throwIfAborted();
        const chunk = claimChunk(claims, total, parties, MAIN_MAX_CHUNK);
        if (chunk) {
          for (let i = chunk[0]; i < chunk[1]; i++) out[i] = ingestFile(ingest, files[i], opts);
          filled += chunk[1] - chunk[0];
          stats.filesHere += chunk[1] - chunk[0];
          // Let the workers' results in (and the signal, and timers).
          if (working.size) await new Promise<void>((r) => setImmediate(r));
          continue;
        }
        if (filled >= total || working.size === 0) break;
        await new Promise<void>((resolve) => {
          // No word from any worker for stallMs: the silent ones are ended (their 'exit' wakes us).
          const timer = setTimeout(() => endStalled(working), stallMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      // What a worker took and never sent back (it died, failed or stalled).
      for (let i = 0; i < total; i++) {
        if (out[i] !== undefined) continue;
        if (i % 64 === 0) signal?.throwIfAborted();
        out[i] = ingestFile(ingest, files[i], opts);
        stats.filesHere++;
        stats.filesRedone++;
      }
      // A run that ingests this much then validates many feeds: the workers load the validator now,
      // while the calling thread matches the ledger and plans, so that no feed waits for it.
      if (helpers.length) for (const slot of workers()) void load(slot, 'validate');
      return out as IngestedFile[];
    } finally {
      // Anything a worker is still at is of no use any more.
      Atomics.store(claims, STOP, 1);
      signal?.removeEventListener('abort', notify);
      for (const slot of helpers) detach(slot, id);
    }
  }

  /** Ends the workers that hold part of a list and have said nothing for `stallMs`. */
  function endStalled(working: Set<Slot>): void {
    const now = Date.now();
    for (const slot of working) if (now - slot.lastHeard >= stallMs) void slot.worker.terminate();
  }

  // ---- validation: feeds wait in one queue here; each worker pulls the next when it has fewer
  // than maxQueued. The calling thread does not take queued feeds while it has its own work (it
  // renders the next feed meanwhile), only when the queue grows past maxQueuedBytes (the workers
  // are behind: it helps, and memory stays bounded) and when asked to (flush).
  interface Validation {
    input: Uint8Array | string;
    size: number;
    contentType: string | null;
    returnBytes: boolean;
    resolve(v: Validated): void;
    reject(err: unknown): void;
  }
  type Validated = { report: ValidationReport; bytes?: Uint8Array };
  const queue: Validation[] = [];
  let queuedBytes = 0;
  let bytesAsked = 0;

  function dequeue(): Validation | undefined {
    const v = queue.shift();
    if (v) queuedBytes -= v.size;
    return v;
  }

  async function validateHere(v: Validation): Promise<void> {
    try {
      const code = await loadValidate();
      stats.validationsHere++;
      v.resolve(validateInput(code, v.input, v.contentType, v.returnBytes));
    } catch (err) {
      v.reject(err);
    }
  }

  function sendToWorker(slot: Slot, v: Validation): void {
    const id = nextId++;
    slot.validations++;
    // A worker that says nothing for stallMs is ended; its feeds are then validated here.
    const unwatch = watch(slot, stallMs);
    const settle = (): void => {
      unwatch();
      slot.validations--;
      detach(slot, id);
      dispatch();
    };
    attach(slot, id, {
      message(m) {
        if (m.type === 'report') {
          settle();
          stats.validationsInWorkers++;
          v.resolve({ report: m.report, bytes: m.bytes });
        } else if (m.type === 'failed') {
          settle();
          stats.workerFailures++;
          void validateHere(v);
        }
      },
      lost() {
        settle();
        void validateHere(v);
      },
    });
    // Copied, not handed over: the caller still writes these bytes, and if the worker dies they
    // are validated here.
    slot.worker.postMessage({ type: 'validate', id, input: v.input, contentType: v.contentType, returnBytes: v.returnBytes } satisfies ToWorker);
  }

  /** Gives queued feeds to ready workers with room. Workers are started (and sent the
   *  validator's code) once enough was asked for; with no worker left, the queue is done here. */
  function dispatch(): void {
    if (!usable()) {
      for (let v; (v = dequeue()); ) void validateHere(v);
      return;
    }
    if (bytesAsked >= minBytes) for (const slot of workers()) void load(slot, 'validate');
    const ready = slots.filter((s) => s.alive && s.loaded.has('validate'));
    while (queue.length) {
      const slot = ready.reduce<Slot | null>((best, s) => (s.validations < (best?.validations ?? maxQueued) ? s : best), null);
      if (!slot) break;
      sendToWorker(slot, dequeue()!);
    }
  }

  async function validateVia(input: Uint8Array | string, opts: ValidateOptions, returnBytes: boolean): Promise<Validated> {
    const size = typeof input === 'string' ? input.length : input.byteLength;
    bytesAsked += size;
    const done = new Promise<Validated>((resolve, reject) => {
      const v: Validation = { input, size, contentType: opts.contentType ?? null, returnBytes, resolve, reject };
      if (size < Math.min(MIN_FEED_BYTES, minBytes) || !usable() || (bytesAsked < minBytes && !warmFor('validate'))) void validateHere(v);
      else {
        queue.push(v);
        queuedBytes += size;
        dispatch();
      }
    });
    // The workers are behind: the calling thread takes the oldest feeds until the queue is short.
    if (queuedBytes > maxQueuedBytes) await help(() => queuedBytes <= maxQueuedBytes);
    return done;
  }

  /** The calling thread takes queued feeds until `enough`, one helping loop at a time (several
   *  at once would take every feed in one go, without letting the workers' reports in between). */
  let helping: Promise<void> = Promise.resolve();
  function help(enough: () => boolean): Promise<void> {
    helping = helping.then(async () => {
      while (queue.length && !enough()) await takeOneHere();
    });
    return helping;
  }

  /** The calling thread validates the oldest queued feed, after letting the workers' messages in
   *  (each report makes room for the next feed to go to a worker). */
  async function takeOneHere(): Promise<void> {
    await new Promise<void>((r) => setImmediate(r));
    const v = dequeue();
    if (v) await validateHere(v);
  }

  /** The calling thread validates what is still queued (the workers finish what they hold). */
  function flush(): Promise<void> {
    return help(() => false);
  }

  async function warm(modules: CodeName[] = ['ingest', 'validate']): Promise<void> {
    if (!usable()) return;
    await Promise.all(workers().flatMap((slot) => modules.map((code) => load(slot, code))));
  }

  return {
    ingestFiles,
    async validate(input, opts = {}) {
      return (await validateVia(input, opts, false)).report;
    },
    async encodeAndValidate(text, opts = {}) {
      const { report, bytes } = await validateVia(text, opts, true);
      return { report, bytes: bytes! };
    },
    flush,
    stats: () => ({ ...stats }),
    warm,
    expectIngest(files) {
      if (files >= minFiles) void warm(['ingest']);
    },
    async close() {
      closing = true;
      try {
        const ending = slots.splice(0);
        await Promise.all(ending.map(async (s) => {
          await s.worker.terminate();
          await s.exited;
        }));
      } finally {
        closing = false;
      }
    },
  };
}

/** WIREFEED_WORKERS (a whole number) when set: a host shared with other work, or one being
 *  compared, may want fewer workers than cores. */
function defaultWorkers(): number {
  const env = process.env.WIREFEED_WORKERS;
  if (env && /^\d+$/.test(env.trim())) return Number(env.trim());
  return Math.max(0, Math.min(3, availableParallelism() - 1));
}

/**
 * The worker's script: pool-worker.js beside this file. When this file runs as TypeScript (the
 * tests run the sources through tsx), the worker is started through tsx too: tsx's loader, given
 * with --import, registers itself in the main thread only on Node 20.
 */
function workerEntry(): URL {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new URL('./pool-worker.js', self);
  const entry = new URL('./pool-worker.ts', self).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}
