// OpenClaw's files misbehaving under the daemon process: a torn sessions.json, an in-place
// transcript rewrite, 10 000 junk/partial/huge lines, 100 sessions starting and ending at once.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect } from 'vitest';
import { expectDelivered, play } from './support/delivery.ts';
import {
  boxOf,
  boxPosts,
  duplicates,
  expectedLines,
  expectedLinesOfFile,
  lostLines,
  until,
} from './support/invariants.ts';
import { scenario } from './support/report.ts';
import { type Stack, stack } from './support/stack.ts';

let s: Stack | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('OpenClaw state faults', () => {
  scenario('torn sessions.json mid-turn', async (fig) => {
    s = await stack();
    const d = await s.startDaemon();
    const sess = s.home.session();
    await sess.begin();
    await s.postOf(sess.key);
    await play(sess, 100, 2);
    // A non-atomic writer (OpenClaw's copy fallback) caught half way, then completed.
    const full = JSON.stringify(s.home.registry, null, 2);
    writeFileSync(s.home.registryFile, full.slice(0, Math.floor(full.length / 2)));
    await new Promise((r) => setTimeout(r, 400));
    writeFileSync(s.home.registryFile, '');
    await new Promise((r) => setTimeout(r, 200));
    writeFileSync(s.home.registryFile, full);
    await play(sess, 100);
    await sess.finish();
    await expectDelivered(s, [sess], fig, 15_000);
    fig.daemon_alive = d.running;
    expect(d.running).toBe(true);
  });

  scenario('in-place transcript rewrite mid-turn', async (fig) => {
    s = await stack();
    await s.startDaemon();
    const sess = s.home.session();
    await sess.begin();
    await s.postOf(sess.key);
    await play(sess, 100, 3);
    // Rewritten in place (truncate + write, not rename): first shorter, then the same bytes again.
    const text = readFileSync(sess.file, 'utf8');
    writeFileSync(sess.file, `${text.split('\n').slice(0, 2).join('\n')}\n`);
    await new Promise((r) => setTimeout(r, 300));
    writeFileSync(sess.file, text);
    await play(sess, 100);
    await sess.finish();
    const post = await s.waitState(sess.key, 'd', 15_000);
    const expected = expectedLines(s.home, sess.sessionId);
    // A rewrite may add the "[session compacted - continuing]" note; no entry may be lost or doubled.
    const delivered = boxOf(post)!.L.filter((l) => l[0] !== 'n');
    fig.notes = boxOf(post)!.L.length - delivered.length;
    fig.posts = boxPosts(s.server).length;
    fig.duplicates = duplicates(boxPosts(s.server));
    expect(delivered).toEqual(expected);
    expect(fig.duplicates).toBe(0);
  });

  scenario('10 000 junk, partial and huge lines mid-turn', async (fig) => {
    s = await stack();
    const d = await s.startDaemon();
    const sess = s.home.session();
    await sess.begin();
    await s.postOf(sess.key);
    await play(sess, 100, 2);
    const rss0 = d.rssKb();
    // Junk only: nothing here is a transcript entry (no id), so the real entries' tree is untouched.
    const huge = `{"type":"custom","customType":"junk","data":"${'x'.repeat(200_000)}"}`;
    const junk: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const kind = i % 5;
      if (kind === 0) junk.push(`not json ${i} \u0000\u0001 @channel`);
      else if (kind === 1) junk.push(`{"type":"message","message":{"role":"assistant","content":[`);
      else if (kind === 2) junk.push(`{"type":"unknown-${i}","payload":[1,2,3]}`);
      else if (kind === 3) junk.push(i % 1000 === 3 ? huge : `[${i}]`);
      else junk.push('\uFFFD\uD800 {} null 1e999');
    }
    // Written in 64 KB chunks, so lines are split across reads.
    const blob = `${junk.join('\n')}\n`;
    for (let o = 0; o < blob.length; o += 65_536) appendFileSync(sess.file, blob.slice(o, o + 65_536));
    await play(sess, 100);
    await sess.finish();
    const post = await s.waitState(sess.key, 'd', 20_000);
    // Expected from the same entries without the junk (`render` of a multi-MB file reads only its
    // bounded tail, by design, so it cannot be the reference here).
    const clean = path.join(s.home.home, 'clean.jsonl');
    writeFileSync(clean, `${sess.lines.join('\n')}\n`);
    const expected = expectedLinesOfFile(s.home, clean);
    fig.posts = boxPosts(s.server).length;
    fig.duplicates = duplicates(boxPosts(s.server));
    fig.lost_updates = lostLines(boxOf(post)!.L, expected);
    expect(boxOf(post)!.L).toEqual(expected);
    expect(fig.duplicates).toBe(0);
    fig.junk_bytes = Buffer.byteLength(blob);
    fig.rss_delta_kb = d.rssKb() - rss0;
    fig.daemon_alive = d.running;
    expect(d.running).toBe(true);
  });

  scenario(
    '100 sessions starting and ending at once',
    async (fig) => {
      s = await stack();
      const d = await s.startDaemon();
      const sessions = Array.from({ length: 100 }, (_, i) => s!.home.session({ n: i + 1 }));
      const t0 = Date.now();
      await Promise.all(sessions.map((x) => x.begin()));
      await Promise.all(sessions.map((x) => play(x, 50)));
      await Promise.all(sessions.map((x) => x.finish()));
      fig.written_ms = Date.now() - t0;
      // Every turn-1 box done, then no box of a turn that never happened.
      const turn1Done = () =>
        boxPosts(s!.server).filter((p) => boxOf(p)?.n === 1 && boxOf(p)?.s === 'd').length;
      await until(() => turn1Done() === 100, 30_000, '100 turn-1 boxes done').catch(() => undefined);
      await new Promise((r) => setTimeout(r, 1000));
      const all = boxPosts(s.server);
      fig.turn1_done = turn1Done();
      fig.posts = all.length;
      fig.duplicates = duplicates(all);
      fig.phantom_turn_boxes = all.filter((p) => boxOf(p)?.n !== 1).length;
      fig.all_final_ms = Date.now() - t0;
      expect(fig.duplicates).toBe(0);
      expect(fig.phantom_turn_boxes).toBe(0);
      expect(fig.turn1_done).toBe(100);
      await expectDelivered(s, sessions, fig, 10_000);
      fig.requests = s.server.requests().length;
      fig.queued_after = Number((((await d.health()).sessions as { queued?: number }) ?? {}).queued ?? -1);
      fig.rss_kb = d.rssKb();
      fig.fds = d.fdCount();
      expect(fig.queued_after).toBe(0);
    },
    180_000,
  );
});
