// The daemon process itself dies or is stopped mid-turn: kill -9 then restart, SIGTERM then
// restart. The same post must carry the turn to its final state; never a second box.
import { afterEach, describe, expect } from 'vitest';
import { expectDelivered, play, unescapeMarkdown } from './support/delivery.ts';
import { boxOf } from './support/invariants.ts';
import { scenario } from './support/report.ts';
import { type Stack, stack } from './support/stack.ts';

let s: Stack | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('daemon process killed or stopped mid-turn', () => {
  scenario('kill -9 and restart mid-turn', async (fig) => {
    s = await stack();
    const first = await s.startDaemon();
    const sess = s.home.session();
    await sess.begin();
    const post = await s.postOf(sess.key);
    await play(sess, 150, 3);
    first.kill('SIGKILL');
    const exit = await first.exited;
    expect(exit.signal).toBe('SIGKILL');
    // The turn goes on (and ends) while no daemon watches.
    await play(sess, 50, 2);
    await sess.finish();
    const restartAt = Date.now();
    await s.startDaemon();
    await expectDelivered(s, [sess], fig, 15_000);
    fig.restart_to_final_ms = Date.now() - restartAt;
    expect((await s.postOf(sess.key)).id).toBe(post.id);
  });

  scenario('SIGTERM mid-turn, then restart while the turn still runs', async (fig) => {
    s = await stack();
    const first = await s.startDaemon();
    const sess = s.home.session();
    await sess.begin();
    const post = await s.postOf(sess.key);
    await play(sess, 150, 2);
    const t0 = Date.now();
    const exit = await first.stop('SIGTERM');
    fig.sigterm_exit_ms = Date.now() - t0;
    expect(exit.code).toBe(0);
    // Graceful stop: the live box says interrupted before the process is gone.
    const stopped = s.server.post(post.id)!;
    fig.state_after_sigterm = boxOf(stopped)?.s ?? '?';
    expect(boxOf(stopped)?.s).toBe('i');
    expect(unescapeMarkdown(stopped.message)).toContain('[INTERRUPTED]');
    await s.startDaemon();
    await s.waitState(sess.key, 'a', 10_000);
    await play(sess, 150);
    await sess.finish();
    await expectDelivered(s, [sess], fig, 15_000);
    expect((await s.postOf(sess.key)).id).toBe(post.id);
  });
});
