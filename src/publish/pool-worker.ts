// A publish pool worker: ingests chunks of a file list it shares with the other threads, and
// validates feeds. Messages in, results out; see pool.ts for the other side.
import { parentPort, workerData } from 'node:worker_threads';
import type { ValidationReport } from '../validate/report.js';
import { claimChunk, ingestFile, loadIngest, type IngestedFile, type IngestFilesOptions, type IngestInput } from './pool-ingest.js';
import { loadValidate, validateInput } from './pool-validate.js';

export type ToWorker =
  | { type: 'warm'; id: number; modules: Array<'ingest' | 'validate'> }
  | {
      type: 'ingest';
      id: number;
      files: IngestInput[];
      opts: IngestFilesOptions;
      /** The list's shared claims (pool-ingest.ts: next index, stop flag). */
      claims: SharedArrayBuffer;
      parties: number;
      maxChunk: number;
    }
  | { type: 'validate'; id: number; input: Uint8Array | string; contentType: string | null; returnBytes: boolean };

export type FromWorker =
  | { type: 'chunk'; id: number; start: number; results: IngestedFile[] }
  | { type: 'done'; id: number }
  | { type: 'warmed'; id: number }
  | { type: 'report'; id: number; report: ValidationReport; bytes?: Uint8Array }
  | { type: 'failed'; id: number; error: string };

/** Only tests set this: makes the worker fail on purpose, to show its work is not lost. */
export interface WorkerFault {
  /** load: while loading ingest's or the validator's code. */
  during: 'load' | 'ingest' | 'validate';
  /** throw: the call fails (the worker says so); crash: an uncaught exception kills the worker;
   *  exit: process.exit in the worker; hang: it never answers again. */
  how: 'throw' | 'crash' | 'exit' | 'hang';
  /** Ingest: fail after this many files (default 0: at the first chunk). */
  afterFiles?: number;
}

const fault = (workerData as { fault?: WorkerFault } | null)?.fault;
let filesDone = 0;

async function failNow(how: WorkerFault['how']): Promise<void> {
  const error = new Error('publish pool worker: failure asked for by a test');
  if (how === 'exit') process.exit(3);
  if (how === 'hang') for (;;);
  if (how === 'crash') {
    setImmediate(() => {
      throw error;
    });
    await new Promise(() => undefined);
  }
  throw error;
}

const port = parentPort!;

port.on('message', (m: ToWorker) => {
  handle(m).catch((err: unknown) => {
    port.postMessage({ type: 'failed', id: m.id, error: String((err as Error)?.stack ?? err) } satisfies FromWorker);
  });
});

async function handle(m: ToWorker): Promise<void> {
  if (m.type === 'warm') {
    if (fault?.during === 'load') await failNow(fault.how);
    await Promise.all(m.modules.map((name) => (name === 'ingest' ? loadIngest() : loadValidate())));
    port.postMessage({ type: 'warmed', id: m.id } satisfies FromWorker);
    return;
  }
  if (m.type === 'ingest') {
    const ingest = await loadIngest();
    const claims = new Int32Array(m.claims);
    for (let chunk; (chunk = claimChunk(claims, m.files.length, m.parties, m.maxChunk)); ) {
      const [start, end] = chunk;
      const results: IngestedFile[] = [];
      for (let i = start; i < end; i++) {
        if (fault?.during === 'ingest' && filesDone >= (fault.afterFiles ?? 0)) await failNow(fault.how);
        results.push(ingestFile(ingest, m.files[i], m.opts));
        filesDone++;
      }
      port.postMessage({ type: 'chunk', id: m.id, start, results } satisfies FromWorker);
    }
    port.postMessage({ type: 'done', id: m.id } satisfies FromWorker);
    return;
  }
  const v = await loadValidate();
  if (fault?.during === 'validate') await failNow(fault.how);
  const out = validateInput(v, m.input, m.contentType, m.returnBytes);
  // The encoded bytes are handed over, not copied (they own their whole buffer: see validateInput).
  port.postMessage({ type: 'report', id: m.id, ...out } satisfies FromWorker, out.bytes ? [out.bytes.buffer as ArrayBuffer] : []);
}
