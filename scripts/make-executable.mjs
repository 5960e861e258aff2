// npm links `bin` entries on install, but the compiled CLI must also be executable when run
// directly from a fresh build (tsc does not keep file modes).
import { chmodSync } from 'node:fs';
chmodSync(new URL('../dist/cli.js', import.meta.url), 0o755);
