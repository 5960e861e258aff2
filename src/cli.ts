#!/usr/bin/env node
// The command line as plain ES modules, one file at a time: what the tests and `tsx src/cli.ts`
// run. The installed command is the launcher (launch.cts), which runs the same main() from one
// bundle with its compiled code cached.
import { runMain } from './main.js';

void runMain(process.argv.slice(2));
