// The CLI shell: parse arguments, start the server, print how to reach it, stop on SIGINT/SIGTERM.
import { readFile } from 'node:fs/promises';
import { parseCliArgs, USAGE } from './cli-args.ts';
import { DEFAULT_IDS, type Seed } from './seed.ts';
import { createServer } from './server.ts';

export async function main(argv: readonly string[]): Promise<number> {
  const { options, problems } = parseCliArgs(argv);
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (problems.length > 0) {
    process.stderr.write(`mm-dev-server: ${problems.join('; ')}\n\n${USAGE}`);
    return 2;
  }
  let seed: Seed | undefined;
  if (options.seedFile) {
    try {
      seed = JSON.parse(await readFile(options.seedFile, 'utf8')) as Seed;
    } catch (err) {
      process.stderr.write(
        `mm-dev-server: cannot read seed ${options.seedFile}: ${(err as Error).message}\n`,
      );
      return 2;
    }
  }
  const server = await createServer({
    port: options.port,
    ...(seed ? { seed } : {}),
    rateLimit: { enabled: options.rateLimit },
    plugins: { uploadsEnabled: options.uploads, install: options.plugins },
  });
  process.stdout.write(
    `mm-dev-server listening on ${server.url}\n` +
      (seed
        ? ''
        : `  bot token   ${DEFAULT_IDS.botToken} (livestatus-bot)\n` +
          `  channel     ${DEFAULT_IDS.channelId} (town-square)\n` +
          `  logins      admin / ${DEFAULT_IDS.adminPassword}, alice / ${DEFAULT_IDS.alicePassword}\n`),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.close();
  return 0;
}
