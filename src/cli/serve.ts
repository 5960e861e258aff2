// `wirefeed serve`: serves the output folder until SIGINT/SIGTERM. The first stdout line is the
// URL (so scripts can start it on port 0 and read where it went); access lines follow.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig, type Config } from '../publish/config.js';
import { startServer } from '../serve/server.js';
import { parseFlags, UsageError, type Command } from './command.js';

const HELP = `Usage: wirefeed serve [--output DIR] [--host H] [--port N] [--config FILE]

Serves the published feeds and page over HTTP until stopped (Ctrl-C, SIGTERM).
Prints the URL it listens on as the first line, then one line per request:
METHOD PATH STATUS BYTES.

  --output DIR    folder to serve (default: output)
  --host H        interface to listen on (default: 127.0.0.1; 0.0.0.0 for all)
  --port N        port (default: 8080; 0 picks any free port)
  --config FILE   wirefeed.config.json to read serve.maxAge, hubs and the feeds'
                  public URL from (default: wirefeed.config.json when present)

Feeds are answered with strong ETags and Last-Modified (304 when unchanged),
gzip or br from the .gz/.br files written at publish time, Cache-Control
max-age from serve.maxAge, and Link rel="self"/rel="hub" headers for WebSub.
`;

export const command: Command = {
  help: HELP,
  async run(argv) {
    let flags;
    try {
      flags = parseFlags(
        argv,
        {
          output: { type: 'string' },
          host: { type: 'string' },
          port: { type: 'string' },
          config: { type: 'string' },
        },
        false,
      ).values;
    } catch (err) {
      if (err instanceof UsageError) {
        process.stderr.write(`wirefeed serve: ${err.message}\n\n${HELP}`);
        return 2;
      }
      throw err;
    }
    const port = flags.port === undefined ? 8080 : Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      process.stderr.write(`wirefeed serve: --port must be a whole number from 0 to 65535, not "${flags.port}"\n`);
      return 2;
    }

    let config: Config | null = null;
    try {
      config = await readConfig(flags.config);
    } catch (err) {
      process.stderr.write(`wirefeed serve: ${err instanceof ConfigError ? err.message : (err as Error).message}\n`);
      return 2;
    }

    const outputDir = path.resolve(flags.output ?? 'output');
    const dirStat = await stat(outputDir).catch(() => null);
    if (!dirStat?.isDirectory()) {
      // Not fatal: a publish may create it; until then every request is a 404.
      process.stderr.write(`wirefeed serve: ${outputDir} is not a folder yet; run 'wirefeed publish' to fill it\n`);
    }

    let server;
    try {
      server = await startServer({
        outputDir,
        host: flags.host ?? '127.0.0.1',
        port,
        maxAge: config?.serve.maxAge,
        hubs: config?.site.hubs,
        selfBaseUrl: config?.site.feedBaseUrl,
        log: (line) => process.stdout.write(line + '\n'),
      });
    } catch (err) {
      process.stderr.write(`wirefeed serve: cannot listen: ${(err as Error).message}\n`);
      return 2;
    }
    process.stdout.write(server.url + '\n');

    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await server.close();
    return 0;
  },
};

/** The named config, or the default one when it exists; without either, built-in defaults. */
async function readConfig(file: string | undefined): Promise<Config | null> {
  if (file !== undefined) return loadConfig(file);
  const present = await stat(DEFAULT_CONFIG_FILE).catch(() => null);
  return present ? loadConfig(DEFAULT_CONFIG_FILE) : null;
}
