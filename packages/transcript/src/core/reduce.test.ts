import { describe, expect, it } from 'vitest';
import type { SessionView, TranscriptEntry } from '../types.ts';
import { nestSubagents } from './nest.ts';
import { parseEntryValue } from './parse-entry.ts';
import { COMPACTED_NOTE, reduce } from './reduce.ts';
import { labeler, replay, shown, turnsOf, usageTotals } from './replay.test-support.ts';
import { fixtureEntries, fixtureObjects } from './test-fixtures.ts';
import { initialView, MAX_VIEW_LINES } from './view.ts';

const ctx = { labeler };

function entry(v: object): TranscriptEntry {
  const r = parseEntryValue({ parentId: null, timestamp: '2026-11-24T10:00:00.000Z', ...v });
  if (!r.ok) throw new Error(r.error);
  return r.entry;
}

const at = (s: number) => `2026-11-24T10:00:${String(s).padStart(2, '0')}.000Z`;
const user = (id: string, s: number, parentId: string | null = null) =>
  entry({ type: 'message', id, parentId, timestamp: at(s), message: { role: 'user', content: 'go' } });
const assistant = (
  id: string,
  s: number,
  content: object[],
  stopReason: string,
  parentId: string | null = null,
  totalTokens = 10,
) =>
  entry({
    type: 'message',
    id,
    parentId,
    timestamp: at(s),
    message: { role: 'assistant', content, stopReason, usage: { totalTokens } },
  });
const result = (
  id: string,
  s: number,
  toolCallId: string,
  extra: object = {},
  parentId: string | null = null,
) =>
  entry({
    type: 'message',
    id,
    parentId,
    timestamp: at(s),
    message: { role: 'toolResult', toolCallId, toolName: 'exec', content: [], isError: false, ...extra },
  });

describe('reduce: golden views of the real transcripts', () => {
  it('7.35 basic run: text, parallel tools, failing exec [ERR], unicode write, edit, done, tokens and cost from the file', () => {
    const view = replay(fixtureEntries('basic735'));
    expect(shown(view)).toEqual([
      'text: Let me look at the work directory.',
      'tool exec | exec: ls -la /home/node/workdir | ok (83 ms)',
      'tool read | read /home/node/workdir/hello.txt | ok',
      'tool exec | exec: cat /nonexistent/file.txt | error (exit 1)',
      'tool write | write /home/node/workdir/out.md (41 bytes) | ok',
      'tool edit | edit /home/node/workdir/out.md (1 edits) | ok',
      'text: Done. hello.txt says **hello world**; the second command failed (no such file). Wrote out.md. 🚀',
    ]);
    const totals = usageTotals(fixtureObjects('basic735'));
    expect(totals.tokens).toBe(8485);
    expect(view).toMatchObject({
      state: 'done',
      turn: 1,
      tokens: totals.tokens,
      model: 'fake-model',
      compactions: 0,
    });
    expect(view.cost).toBeCloseTo(totals.cost, 10);
    expect(view.endedAt).toBe(Date.parse('2026-11-24T10:00:41.920Z'));
    expect(view.startedAt).toBe(Date.parse('2026-11-24T10:00:40.992Z'));
  });

  it('shows parallel calls pending together, then resolves each by its call id', () => {
    const entries = fixtureEntries('basic735');
    const afterCalls = replay(entries.slice(0, 8));
    expect(shown(afterCalls).slice(-2)).toEqual([
      'tool read | read /home/node/workdir/hello.txt | pending',
      'tool exec | exec: cat /nonexistent/file.txt | pending',
    ]);
    expect(afterCalls.state).toBe('active');
    const afterFirst = replay(entries.slice(0, 9));
    expect(
      shown(afterFirst)
        .slice(-2)
        .map((l) => l.split(' | ')[2]),
    ).toEqual(['ok', 'pending']);
  });

  it('9.6 basic run (isError:false with exit code 1) gives the same view as 7.35', () => {
    const v96 = replay(fixtureEntries('basic96'));
    const v735 = replay(fixtureEntries('basic735'));
    const strip = (v: SessionView) => shown(v).map((l) => l.replace(/ \(\d+ ms\)/, ''));
    expect(strip(v96)).toEqual(strip(v735));
    expect(v96).toMatchObject({ state: 'done', tokens: usageTotals(fixtureObjects('basic96')).tokens });
    expect(v96.tokens).toBe(v735.tokens);
  });

  it('60 000-line output: one ok exec line, a small view, tokens summed', () => {
    const view = replay(fixtureEntries('big735'));
    expect(shown(view)).toEqual([
      'text: Generating a big output.',
      'tool exec | exec: seq 1 60000 | ok',
      'text: That was long: 60000 lines.',
    ]);
    expect(view.tokens).toBe(1030 + 90020);
    expect(JSON.stringify(view).length).toBeLessThan(1_500);
  });

  it('provider 500: error state with the provider message, whatever the registry says', () => {
    const view = replay(fixtureEntries('error735'));
    expect(view).toMatchObject({ state: 'error', error: '500 fake upstream failure (scripted)', tokens: 0 });
    expect(shown(view)).toEqual(['note(error): 500 fake upstream failure (scripted)']);
    expect(view.endedAt).toBe(Date.parse('2026-11-24T10:02:44.661Z'));
  });

  it('compaction: a note and a count; the pre-compaction copy has neither', () => {
    const after = replay(fixtureEntries('slow735'));
    const before = replay(fixtureEntries('slowBeforeCompaction735'));
    const common = [
      'text: Running a slow build step.',
      'tool exec | exec: sleep 6 && echo built | ok (6037 ms)',
      'tool process | process list | ok',
      'text: Build finished: built',
    ];
    expect(shown(before)).toEqual(common);
    expect(before.compactions).toBe(0);
    expect(shown(after)).toEqual([...common, `note(compacted): ${COMPACTED_NOTE}`]);
    expect(after).toMatchObject({ compactions: 1, state: 'done', turn: 1 });
  });

  it('7.35 sub-agent: the child is nested under the exact sessions_spawn call; the announce is a turn of its own', () => {
    const [spawnTurn, announceTurn, ...rest] = turnsOf('parent735');
    expect(rest).toEqual([]);
    const childKey = 'agent:main:subagent:a7d49975-dd6e-4f54-a48c-2eea97a86fca';
    expect(shown(spawnTurn!)).toEqual([
      'text: Spawning a helper.',
      `tool sessions_spawn | spawn lister | ok -> ${childKey}`,
      'text: I started a sub-agent; it will report back when finished.',
    ]);
    expect(spawnTurn).toMatchObject({ state: 'done', turn: 1, tokens: 1370 + 1520 });
    expect(shown(announceTurn!)).toEqual([
      'text: The sub-agent reported: hello.txt and notes.md are in the work dir.',
    ]);
    expect(announceTurn).toMatchObject({ state: 'done', turn: 2, tokens: 2130 });

    const child = replay(fixtureEntries('child735'), { key: childKey, label: 'lister' });
    const nested = nestSubagents(spawnTurn!, new Map([[childKey, child]]));
    const spawnLine = nested.lines[1];
    expect(spawnLine?.kind === 'tool' && spawnLine.subagent).toMatchObject({
      key: childKey,
      label: 'lister',
      state: 'done',
      tokens: 940 + 1025,
    });
    expect(spawnLine?.kind === 'tool' && shown({ ...child, lines: spawnLine.subagent!.lines })).toEqual([
      'text: Child checking files.',
      'tool exec | exec: ls /home/node/workdir | ok (99 ms)',
      'text: Child result: the work dir contains hello.txt and notes.md. 子任务完成 ✅',
    ]);
    expect(nestSubagents(spawnTurn!, new Map())).toBe(spawnTurn);
  });

  it('9.6 sub-agent through tool_call + nested-tool record gives the same view as 7.35', () => {
    const turns96 = turnsOf('parent96');
    const turns735 = turnsOf('parent735');
    const key96 = 'agent:main:subagent:df17bc7c-25ab-4445-b494-3e50a576c580';
    const key735 = 'agent:main:subagent:a7d49975-dd6e-4f54-a48c-2eea97a86fca';
    expect(turns96.map((t) => shown(t).map((l) => l.replace(key96, key735)))).toEqual(turns735.map(shown));
    const child96 = replay(fixtureEntries('child96'), { key: key96 });
    const nested = nestSubagents(turns96[0]!, new Map([[key96, child96]]));
    const line = nested.lines[1];
    // Without a registry label the spawn call's own label names the sub-agent.
    expect(line?.kind === 'tool' && line.subagent).toMatchObject({
      label: 'lister',
      state: 'done',
      tokens: 940 + 1025,
    });
  });

  it('every real transcript reduces without abandoned calls (the files are linear)', () => {
    for (const name of [
      'basic735',
      'probe735',
      'parent735',
      'child735',
      'slow735',
      'big735',
      'error735',
      'basic96',
      'parent96',
      'child96',
    ] as const) {
      const v = replay(fixtureEntries(name));
      expect(
        v.lines.some((l) => l.kind === 'tool' && l.detail === 'no result'),
        name,
      ).toBe(false);
      expect(v.state, name).not.toBe('active');
    }
  });
});

describe('reduce: turn boundaries and edge cases', () => {
  const call = (id: string, command = 'make') => ({
    type: 'toolCall',
    id,
    name: 'exec',
    arguments: { command },
  });

  it('a new user message after completion starts a fresh turn', () => {
    let v = initialView({ key: 'k', sessionId: 's', agent: 'main', startedAt: Date.parse(at(0)) });
    for (const e of [user('u1', 1), assistant('a1', 2, [{ type: 'text', text: 'one' }], 'stop', 'u1', 100)])
      v = reduce(v, e, ctx);
    expect(v).toMatchObject({ state: 'done', turn: 1, tokens: 100 });
    v = reduce(v, user('u2', 30, 'a1'), ctx);
    expect(v).toMatchObject({
      state: 'active',
      turn: 2,
      tokens: 0,
      lines: [],
      startedAt: Date.parse(at(30)),
    });
    expect(v.endedAt).toBeUndefined();
    v = reduce(v, assistant('a2', 31, [{ type: 'text', text: 'two' }], 'stop', 'u2', 7), ctx);
    expect(shown(v)).toEqual(['text: two']);
    expect(v).toMatchObject({ state: 'done', turn: 2, tokens: 7 });
  });

  it('hides NO_REPLY finals but still ends the turn', () => {
    let v = initialView({ key: 'k', sessionId: 's', agent: 'main', startedAt: 0 });
    v = reduce(v, assistant('a1', 1, [{ type: 'text', text: ' NO_REPLY\n' }], 'stop'), ctx);
    expect(v.lines).toEqual([]);
    expect(v.state).toBe('done');
  });

  it('stays active while a final message itself carries calls, and ends on aborted as error', () => {
    let v = initialView({ key: 'k', sessionId: 's', agent: 'main', startedAt: 0 });
    v = reduce(v, assistant('a1', 1, [call('c1')], 'stop'), ctx);
    expect(v.state).toBe('active');
    v = reduce(v, assistant('a2', 2, [], 'aborted', 'a1'), ctx);
    expect(v).toMatchObject({ state: 'error', error: 'aborted' });
    expect(shown(v)[0]).toBe('tool exec | exec: make | error (no result)');
  });

  it('a branch (parent is not the current leaf) abandons the old branch’s pending calls', () => {
    let v = initialView({ key: 'k', sessionId: 's', agent: 'main', startedAt: 0 });
    v = reduce(v, user('u1', 1), ctx);
    v = reduce(v, assistant('a1', 2, [call('c1', 'old')], 'toolUse', 'u1'), ctx);
    // The file was rewritten and the run continued from the user message.
    v = reduce(v, assistant('a2', 3, [call('c2', 'new')], 'toolUse', 'u1'), ctx);
    v = reduce(v, result('r2', 4, 'c2', {}, 'a2'), ctx);
    expect(shown(v)).toEqual(['tool exec | exec: old | error (no result)', 'tool exec | exec: new | ok']);
    v = reduce(v, assistant('a3', 5, [{ type: 'text', text: 'done' }], 'stop', 'r2'), ctx);
    expect(v.state).toBe('done');
  });

  it('ignores results for unknown calls and entries of unknown type', () => {
    let v = initialView({ key: 'k', sessionId: 's', agent: 'main', startedAt: 0 });
    v = reduce(v, result('r', 1, 'nope'), ctx);
    v = reduce(v, entry({ type: 'leaf', id: 'x', targetId: 'r' }), ctx);
    expect(v.lines).toEqual([]);
    expect(v.state).toBe('active');
  });

  it('keeps at most MAX_VIEW_LINES lines and counts the dropped ones', () => {
    let v = initialView({ key: 'k', sessionId: 's', agent: 'main', startedAt: 0 });
    for (let i = 0; i < MAX_VIEW_LINES + 120; i++) {
      v = reduce(v, assistant(`a${i}`, 1, [call(`c${i}`)], 'toolUse', i ? `r${i - 1}` : null), ctx);
      v = reduce(v, result(`r${i}`, 1, `c${i}`, {}, `a${i}`), ctx);
    }
    expect(v.lines).toHaveLength(MAX_VIEW_LINES);
    expect(v.droppedLines).toBe(120);
    expect(v.lines.at(-1)).toMatchObject({ id: `c${MAX_VIEW_LINES + 119}`, status: 'ok' });
    expect(v.tokens).toBe(10 * (MAX_VIEW_LINES + 120));
  });

  it('takes the label of session_info when the view has no label of its own', () => {
    const v = reduce(
      initialView({ key: 'k', sessionId: 's', agent: 'main', startedAt: 0 }),
      entry({ type: 'session_info', id: 'i', name: 'Nightly\nbuild' }),
      ctx,
    );
    expect(v.label).toBe('Nightly build');
  });
});
