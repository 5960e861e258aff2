// Loaded with `node --require` into each benchmarked child process: when the process exits, it
// writes its peak resident memory (kilobytes, as process.resourceUsage().maxRSS gives it) and the
// CPU time it used (user + system, milliseconds, every thread of the process) to the file named by
// WIREFEED_BENCH_PEAK, as JSON. The child's own code is not touched.
//
// CommonJS, through --require: a module loaded with --import starts Node's ES module loader in the
// child before anything else, which a user's run of the command does not pay (~7 ms on `node -e
// 0`, ~10 ms on an unchanged publish at 10k articles, measured alternating runs with each hook).
'use strict';
const { writeFileSync } = require('node:fs');

const file = process.env.WIREFEED_BENCH_PEAK;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
  });
}
