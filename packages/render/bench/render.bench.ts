// render_text_us: one throttled update of a 15-line box with a nested sub-agent through the text
// host (components + react-reconciler + sanitising), against a plain string-template formatter of
// the same view in the same run. render_markdown_us: the same for the REST-fallback Markdown.
// props_bytes: post props of the largest real fixture box.
import type { SessionView, ViewLine } from '@livestatus/transcript';
import { toProps } from '../src/props/index.ts';
import { renderMarkdown, renderText } from '../src/text/index.ts';
import { fixtureScenarios } from '../test/fixture-views.ts';

const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);

function benchView(): SessionView {
  const line = (i: number): ViewLine =>
    i % 2
      ? {
          kind: 'tool',
          id: `t${i}`,
          tool: 'exec',
          label: `exec: npm run build --workspace pkg-${i}`,
          status: 'ok',
          at: T0,
        }
      : {
          kind: 'text',
          id: `x${i}`,
          text: `Step ${i}: reading the sources of package ${i} and checking types`,
          at: T0,
        };
  const child: ViewLine[] = Array.from({ length: 4 }, (_, i) => line(i + 100));
  const lines = Array.from({ length: 9 }, (_, i) => line(i));
  lines.push({
    kind: 'tool',
    id: 'spawn',
    tool: 'sessions_spawn',
    label: 'spawn planner',
    status: 'ok',
    at: T0,
    subagent: {
      key: 'agent:main:subagent:1',
      label: 'planner',
      state: 'active',
      startedAt: T0,
      tokens: 900,
      lines: child,
    },
  });
  return {
    key: 'agent:main:mattermost:channel:4xk9pq7wbjdo8rj3n5s1mct6ue',
    sessionId: 's',
    agent: 'main',
    label: 'main',
    state: 'active',
    turn: 1,
    startedAt: T0,
    lastActivityAt: T0,
    tokens: 12_400,
    cost: 0.0123,
    compactions: 0,
    lines,
  };
}

/** The baseline: what a hand-written formatter without components or sanitising would do. */
function templateFormat(view: SessionView, now: number): string {
  const out = [`[${view.state.toUpperCase()}] ${view.label} | ${Math.floor((now - view.startedAt) / 1000)}s`];
  const walk = (lines: ViewLine[], indent: string) => {
    for (const l of lines) {
      if (l.kind === 'text') out.push(indent + l.text);
      else if (l.kind === 'note') out.push(indent + l.text);
      else if (l.subagent) {
        out.push(`${indent}  Sub-agent: ${l.subagent.label}`);
        walk(l.subagent.lines, `${indent}    `);
        out.push(`${indent}    [${l.subagent.state.toUpperCase()}]`);
      } else
        out.push(
          `${indent}  ${l.label}${l.status === 'ok' ? ' [OK]' : l.status === 'error' ? ' [ERR]' : ''}`,
        );
    }
  };
  walk(view.lines, '');
  return out.join('\n');
}

function microsPerCall(iterations: number, fn: (i: number) => string): number {
  let sink = 0;
  for (let i = 0; i < Math.min(200, iterations); i++) sink += fn(i).length; // warm-up
  const samples: number[] = [];
  for (let round = 0; round < 5; round++) {
    const t = performance.now();
    for (let i = 0; i < iterations; i++) sink += fn(i).length;
    samples.push(((performance.now() - t) * 1000) / iterations);
  }
  if (sink < 0) throw new Error('unreachable');
  samples.sort((a, b) => a - b);
  return samples[2] as number;
}

export async function run({ quick }: { quick: boolean }) {
  const view = benchView();
  const n = quick ? 300 : 2000;
  // Each call is a new update: the clock moves, as it does between throttled updates.
  const text = microsPerCall(n, (i) => renderText(view, { now: T0 + i * 500 }));
  const markdown = microsPerCall(n, (i) => renderMarkdown(view, { now: T0 + i * 500 }));
  const template = microsPerCall(n * 10, (i) => templateFormat(view, T0 + i * 500));
  if (renderText(view, { now: T0 }).split('\n').length < 15) throw new Error('bench box is too small');

  let largest = 0;
  let largestName = '';
  for (const [name, v] of fixtureScenarios()) {
    const bytes = Buffer.byteLength(JSON.stringify(toProps(v)), 'utf8');
    if (bytes > largest) {
      largest = bytes;
      largestName = name;
    }
  }
  // A full box: 15 lines of 200-character agent text, the most a default box stores.
  const full = benchView();
  full.lines = Array.from({ length: 15 }, (_, i) => ({
    kind: 'text' as const,
    id: `f${i}`,
    text: 'x'.repeat(400),
    at: T0,
  }));
  const fullBytes = Buffer.byteLength(JSON.stringify(toProps(full)), 'utf8');
  process.stderr.write(
    `(largest props: ${largestName}, ${largest} B; NODE_ENV=${process.env.NODE_ENV ?? 'unset'}) `,
  );
  const r1 = (x: number) => Number(x.toFixed(1));
  return [
    {
      name: 'render_text_us',
      value: r1(text),
      unit: 'µs',
      goal: { op: '<=' as const, value: 1000 },
      baselines: { template_formatter_us: r1(template) },
    },
    {
      name: 'render_markdown_us',
      value: r1(markdown),
      unit: 'µs',
      goal: { op: '<=' as const, value: 1000 },
      baselines: { template_formatter_us: r1(template) },
    },
    { name: 'props_bytes', value: largest, unit: 'bytes', goal: { op: '<=' as const, value: 16_000 } },
    {
      name: 'props_bytes_full_box',
      value: fullBytes,
      unit: 'bytes',
      goal: { op: '<=' as const, value: 16_000 },
    },
  ];
}
