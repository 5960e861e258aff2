// npm links `bin` entries on install, but the compiled CLI must also be executable when run
// directly from a fresh build (tsc does not keep file modes).
import { chmodSync } from 'node:fs';
for (const bin of ['../dist/launch.cjs', '../dist/cli.js']) chmodSync(new URL(bin, import.meta.url), 0o755);
