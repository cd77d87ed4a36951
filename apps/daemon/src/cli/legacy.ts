// The v1 `live-status` CLI (design §9), kept for manual use and old scripts: watcher commands
// pass through to the daemon; create/update/complete talk to Mattermost directly. Every command
// prints a deprecation notice on stderr.
import { homedir } from 'node:os';
import { parseArgs } from 'node:util';
import { formatProblems, loadConfig } from '../config/config.ts';
import { MattermostError } from '../mattermost/classify.ts';
import { createMattermostClient } from '../mattermost/client.ts';
import { startCommand, stopCommand } from './service.ts';

export const LEGACY_HELP = `live-status (deprecated: status is automatic; use livestatus-daemon)

Usage:
  live-status start-watcher              start the daemon (livestatus-daemon start)
  live-status stop-watcher               stop the daemon (livestatus-daemon stop)
  live-status create [--channel <id>] <text>   post a status message; prints the post id
  live-status update <postId> <text>     replace a status message
  live-status complete <postId> [text]   mark a status message complete

Env: MM_URL, MM_TOKEN; create uses --channel or DEFAULT_CHANNEL.
`;

const NOTICE =
  'live-status: deprecated — the livestatus daemon updates Mattermost automatically; see livestatus-daemon --help\n';

export async function legacyMain(
  argv: string[],
  env: NodeJS.ProcessEnv,
  daemonScript: string,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { channel: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: false,
  });
  const [cmd, ...rest] = positionals;
  if (values.help || !cmd) {
    process.stdout.write(LEGACY_HELP);
    return values.help ? 0 : 2;
  }
  process.stderr.write(NOTICE);
  if (cmd === 'start-watcher') return startCommand(env, daemonScript);
  if (cmd === 'stop-watcher') return stopCommand(env);
  if (!['create', 'update', 'complete'].includes(cmd)) {
    process.stderr.write(`live-status: unknown command "${cmd}"\n${LEGACY_HELP}`);
    return 2;
  }
  const loaded = loadConfig(env, { homedir: homedir(), requireMattermost: true });
  if (!loaded.ok || !loaded.config.mattermost) {
    process.stderr.write(formatProblems(loaded.ok ? ['MM_URL and MM_TOKEN are required'] : loaded.problems));
    return 2;
  }
  const mm = loaded.config.mattermost;
  const client = createMattermostClient({ url: mm.url, token: mm.token });
  try {
    if (cmd === 'create') {
      const channel = typeof values.channel === 'string' ? values.channel : mm.defaultChannel;
      const text = rest.join(' ');
      if (!channel || !text) {
        process.stderr.write('live-status create: need --channel <id> (or DEFAULT_CHANNEL) and <text>\n');
        return 2;
      }
      const post = await client.createPost({
        channel_id: channel,
        message: text,
        props: { from_bot: 'true' },
      });
      process.stdout.write(`${post.id}\n`);
      return 0;
    }
    const [postId, ...words] = rest;
    if (!postId || (cmd === 'update' && words.length === 0)) {
      process.stderr.write(`live-status ${cmd}: need <postId>${cmd === 'update' ? ' <text>' : ' [text]'}\n`);
      return 2;
    }
    const text = words.join(' ');
    const message = cmd === 'complete' ? `${text ? `${text}\n` : ''}[DONE]` : text;
    await client.patchPost(postId, { message, props: { from_bot: 'true' } });
    process.stdout.write(`${postId}\n`);
    return 0;
  } catch (err) {
    const msg = err instanceof MattermostError ? err.message : (err as Error).message;
    process.stderr.write(`live-status ${cmd}: ${msg}\n`);
    return 1;
  } finally {
    await client.close();
  }
}
