// Loaded with `node --import` into each benchmarked child process: when the process exits, it
// writes its peak resident memory (kilobytes, as process.resourceUsage().maxRSS gives it) to the
// file named by WIREFEED_BENCH_PEAK. The child's own code is not touched.
import { writeFileSync } from 'node:fs';

const file = process.env.WIREFEED_BENCH_PEAK;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
