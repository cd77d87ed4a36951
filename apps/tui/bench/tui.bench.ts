// tui_commit_ms_20_sessions: how long one update of the live view takes — React commit, Ink
// layout and the terminal write — with 20 active sessions each changing in turn, the selected
// one's box growing. Rendered by the real Ink into a fake 120×40 terminal.
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { render } from 'ink';
import { createElement } from 'react';
import type { SessionItem } from '../src/sessions/session-item.ts';
import { App } from '../src/ui/App.tsx';
import { makeItem, textLine, toolLine } from '../test/support/items.ts';
import { manualFeed } from '../test/support/manual-feed.ts';

class FakeTerminal extends EventEmitter {
  columns = 120;
  rows = 40;
  isTTY = true;
  bytes = 0;
  write(chunk: string | Uint8Array): boolean {
    this.bytes += chunk.length;
    return true;
  }
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  setRawMode() {}
  setEncoding() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read() {
    return null;
  }
}

function session(i: number, step: number, t0: number): SessionItem {
  const lines = [];
  const n = 6 + ((step + i) % 10);
  for (let j = 0; j < n; j++) {
    lines.push(
      j % 2 === 0
        ? textLine(`t${j}`, `Step ${j} of session ${i}: reading the configuration and planning…`, t0 + j)
        : toolLine(`c${j}`, `exec: npm test -- --filter part-${j}`, j === n - 1 ? 'pending' : 'ok', t0 + j),
    );
  }
  return makeItem({
    key: `agent:main:mattermost:channel:chan${String(i).padStart(4, '0')}`,
    label: `worker-${i}`,
    state: 'active',
    startedAt: t0 - i * 1000,
    lastActivityAt: t0 + step * 10 + i,
    tokens: 1000 * (i + 1) + step * 37,
    cost: 0.001 * (i + step),
    lines,
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

export async function run({ quick }: { quick: boolean }) {
  const t0 = 1_800_000_000_000;
  const count = 20;
  let items = Array.from({ length: count }, (_, i) => session(i, 0, t0));
  const feed = manualFeed(items, t0);
  const stdout = new FakeTerminal();
  let frameDone: (() => void) | undefined;
  let frames = 0;
  const app = render(createElement(App, { feed, title: 'bench', size: { columns: 120, rows: 40 } }), {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
    patchConsole: false,
    exitOnCtrlC: false,
    // Every update is drawn (no frame skipping), so each measured update is a full commit.
    maxFps: 100_000,
    incrementalRendering: true,
    onRender: () => {
      frames++;
      frameDone?.();
    },
  });
  const updates = quick ? 300 : 3000;
  const warmup = 50;
  const times: number[] = [];
  for (let step = 1; step <= updates + warmup; step++) {
    const i = step % count;
    items = items.map((it, k) => (k === i ? session(i, step, t0) : it));
    // From the snapshot's arrival to the frame written to the terminal: React's commit, Ink's
    // layout and output, and whatever scheduling sits between them.
    const drawn = new Promise<void>((resolve) => {
      frameDone = resolve;
    });
    const start = performance.now();
    feed.push(items, t0 + step * 100);
    await drawn;
    const ms = performance.now() - start;
    if (step > warmup) times.push(ms);
  }
  app.unmount();
  if (stdout.bytes === 0 || frames < updates) throw new Error(`only ${frames} frames were drawn`);
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return [
    {
      name: 'tui_commit_ms_20_sessions',
      value: Number(percentile(times, 0.95).toFixed(3)),
      unit: 'ms (p95)',
      goal: { op: '<=' as const, value: 16 },
    },
    {
      name: 'tui_commit_ms_20_sessions_median',
      value: Number(percentile(times, 0.5).toFixed(3)),
      unit: 'ms',
    },
    { name: 'tui_commit_ms_20_sessions_mean', value: Number(mean.toFixed(3)), unit: 'ms' },
  ];
}
