// The app over the real feed (real source, real tracker) while a real OpenClaw run is replayed
// into a temp state directory: what a user sees change, frame by frame.
import { replayFixture } from '@livestatus/transcript';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { createFeed } from '../src/run/wiring.ts';
import type { SessionFeed } from '../src/sessions/session-feed.ts';
import { App } from '../src/ui/App.tsx';
import { emptyJsonlOpenClaw, tempDir } from './support/state-dir.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function waitFor(what: string, predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function watch(
  stateDir: string,
): Promise<{ frames: string[]; screen: () => string; feed: SessionFeed }> {
  const { feed } = createFeed({ stateDir, rescanIntervalMs: 50 });
  const app = render(<App feed={feed} title={stateDir} size={{ columns: 80, rows: 24 }} />);
  cleanups.push(async () => {
    app.unmount();
    await feed.close();
  });
  await feed.start();
  return { frames: app.frames, screen: () => app.lastFrame() ?? '', feed };
}

describe('live view of a replayed real run', () => {
  it('local-basic: the session appears ACTIVE, tool lines fill in, and it ends DONE with tokens', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    await emptyJsonlOpenClaw(dir);
    const { frames, screen } = await watch(dir);
    await waitFor('the empty view', () => screen().includes('No sessions yet'));
    await replayFixture({
      fixture: 'v2026.7.35-local-basic',
      stateDir: dir,
      retime: true,
      speed: 1,
      maxGapMs: 250,
    });
    await waitFor('the turn to end', () => /\[DONE\]/.test(screen())).catch((e) => {
      console.log(screen());
      throw e;
    });
    expect(frames.some((f) => f.includes('[ACTIVE]'))).toBe(true);
    expect(screen()).toMatch(/\[ERR\]/); // the failing exec
    expect(screen()).toMatch(/\[OK\]/);
    expect(screen()).toMatch(/DONE\s+main\s+#4xk9pq7w thread\s+\d+s\s+[\d.]+k tokens\s+\$\d/);
    // The running turn was drawn as it grew, not only at the end.
    const activeFrames = frames.filter((f) => f.includes('[ACTIVE]'));
    expect(new Set(activeFrames).size).toBeGreaterThan(1);
  });

  it('sqlite gateway: the spawned sub-agent is drawn inside the running parent box', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const { frames, screen } = await watch(dir);
    await replayFixture({
      fixture: 'v2026.9.6-sqlite-gateway-subagent',
      stateDir: dir,
      retime: true,
      speed: 10,
      maxGapMs: 300,
    });
    await waitFor('both sessions finished', () => /2 sessions · 0 active/.test(screen()));
    const nested = frames.find((f) => f.includes('Sub-agent: lister') && f.includes('[ACTIVE]'));
    expect(nested, frames.join('\n=====\n')).toBeDefined();
  });
});
