// Loaded with `node --import` into each benchmarked child process: when the process exits, it
// writes its peak resident memory (kilobytes, as process.resourceUsage().maxRSS gives it) and the
// CPU time it used (user + system, milliseconds, every thread of the process) to the file named by
// WIREFEED_BENCH_PEAK, as JSON. The child's own code is not touched.
import { writeFileSync } from 'node:fs';

const file = process.env.WIREFEED_BENCH_PEAK;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
  });
}
