// The floor under any publish run that must tell whether an article changed: a fresh Node process
// lists the folder and stats every file in it, in line, as the publish job does. Prints the count.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
let files = 0;
for (const name of readdirSync(dir)) if (statSync(path.join(dir, name)).isFile()) files++;
console.log(files);
