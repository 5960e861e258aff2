import type { Command } from './command.js';

export const command: Command = {
  help: 'Usage: wirefeed validate [options]\n\n(not built yet)\n',
  async run() {
    process.stderr.write('wirefeed validate: not built yet\n');
    return 2;
  },
};
