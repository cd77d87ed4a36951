// The checks every delivery scenario ends with, and the figures they produce.
import { expect } from 'vitest';
import { boxOf, boxPosts, duplicates, expectedLines, lostLines } from './invariants.ts';
import type { LiveSession } from './openclaw-home.ts';
import type { Figures } from './report.ts';
import type { Stack } from './stack.ts';

/** The text a Markdown reader sees: backslash escapes removed (the box is Markdown in `message`). */
export const unescapeMarkdown = (message: string) => message.replace(/\\(.)/g, '$1');

/** One box per turn, final state `done`, every line of the final view delivered. */
export async function expectDelivered(s: Stack, sessions: LiveSession[], fig: Figures, timeoutMs: number) {
  const t0 = Date.now();
  for (const sess of sessions) await s.waitState(sess.key, 'd', timeoutMs);
  fig.final_wait_ms = Date.now() - t0;
  const all = boxPosts(s.server);
  fig.posts = all.length;
  fig.duplicates = duplicates(all);
  let lost = 0;
  let edits = 0;
  for (const sess of sessions) {
    const post = await s.postOf(sess.key);
    const box = boxOf(post)!;
    const expected = expectedLines(s.home, sess.sessionId);
    lost += lostLines(box.L, expected);
    edits += s.server.editCount(post.id);
    expect(box.L).toEqual(expected);
    expect(unescapeMarkdown(post.message)).toContain('[DONE]');
    expect(post.type).toBe('custom_livestatus');
  }
  fig.edits = edits;
  fig.lost_updates = lost;
  expect(fig.duplicates).toBe(0);
  expect(all.length).toBe(sessions.length);
}

/** Writes the rest of a turn one entry every `gapMs`. */
export async function play(
  sess: LiveSession,
  gapMs: number,
  stopAfter = Number.POSITIVE_INFINITY,
): Promise<void> {
  let n = 0;
  while (!sess.done && n++ < stopAfter) {
    sess.step();
    await new Promise((r) => setTimeout(r, gapMs));
  }
}
