// luxon, loaded the first time ingest needs it. A site in UTC whose articles date themselves by
// dateline, by first sight or by timestamps with their offsets (front matter, JSON) never does
// (instants.ts answers those), and loading luxon and its first DateTime cost ~25 ms of every
// publish thread. Synchronous on purpose, as ingest is: the package's CommonJS build,
// the same release as its ES module.
import { createRequire } from 'node:module';

let loaded: typeof import('luxon') | null = null;

export function luxon(): typeof import('luxon') {
  return (loaded ??= createRequire(import.meta.url)('luxon') as typeof import('luxon'));
}
