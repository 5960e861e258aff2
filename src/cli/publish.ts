import type { Command } from './command.js';

export const command: Command = {
  help: 'Usage: wirefeed publish [options]\n\n(not built yet)\n',
  async run() {
    process.stderr.write('wirefeed publish: not built yet\n');
    return 2;
  },
};
