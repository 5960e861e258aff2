// Phase timings of a publish run, for finding where its time goes: with WIREFEED_TIMINGS=1 in
// the environment, each phase's wall time, the CPU time of this process in it (all threads: on
// a shared machine it is the steadier figure) and the heap in use at its end are printed to
// stderr when the run ends. Off, every call is a no-op.

export interface PhaseTimer {
  /** Ends the phase running since the last mark (or the start), naming it. */
  mark(phase: string): void;
  /** Prints the phases (when enabled). */
  flush(): void;
}

const OFF: PhaseTimer = { mark() {}, flush() {} };

/** How the process was started (the launcher notes whether V8 took its code cache), printed
 *  beside the time before the run. */
export const startNotes: string[] = [];

export function phaseTimer(enabled = !!process.env.WIREFEED_TIMINGS): PhaseTimer {
  if (!enabled) return OFF;
  const gc = (globalThis as { gc?: () => void }).gc;
  const liveHeap = process.env.WIREFEED_TIMINGS === 'gc' && gc ? gc : null;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let last = start;
  let lastCpu = cpuStart;
  const lines: string[] = [];
  const cpuMs = (from: NodeJS.CpuUsage): string => {
    const d = process.cpuUsage(from);
    return ((d.user + d.system) / 1000).toFixed(1).padStart(8);
  };
  return {
    mark(phase) {
      const now = performance.now();
      // WIREFEED_TIMINGS=gc with node --expose-gc: the heap still live at each phase's end.
      if (liveHeap) liveHeap();
      const m = process.memoryUsage();
      const mb = (n: number): string => (n / 1048576).toFixed(0).padStart(5);
      lines.push(`${phase.padEnd(22)} ${(now - last).toFixed(1).padStart(8)} ms  cpu ${cpuMs(lastCpu)} ms   heap ${mb(m.heapUsed)} of ${mb(m.heapTotal)} MB  external ${mb(m.external)} MB  rss ${mb(m.rss)} MB`);
      last = now;
      lastCpu = process.cpuUsage();
    },
    flush() {
      // (performance.now() counts from the process's start: Node's own start-up and module loading.)
      lines.unshift(`${'before the run'.padEnd(22)} ${start.toFixed(1).padStart(8)} ms${startNotes.length ? `  (${startNotes.join(', ')})` : ''}`);
      const rssMb = process.memoryUsage().rss / 1048576;
      lines.push(`${'total'.padEnd(22)} ${(performance.now() - start).toFixed(1).padStart(8)} ms  cpu ${cpuMs(cpuStart)} ms   rss ${rssMb.toFixed(0)} MB`);
      process.stderr.write(lines.map((l) => `wirefeed timings: ${l}\n`).join(''));
      lines.length = 0;
    },
  };
}
