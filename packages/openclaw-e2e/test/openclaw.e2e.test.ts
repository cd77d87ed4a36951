// The real OpenClaw (both storage eras) driven by the scripted model: what it writes is what
// Live Status must follow. One file, so its tests run in sequence (one OpenClaw at a time: vitest
// runs a file's tests one after another unless told otherwise); under CI=true an install
// failure fails every test of that version, never skips.

import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { nestSubagents } from '@livestatus/transcript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureOpenClaw,
  eraOf,
  OPENCLAW_VERSIONS,
  type OpenClawVersion,
  readWrittenState,
  runOpenClaw,
  type ScriptedModel,
  startGateway,
  startScriptedModel,
  subagentScenario,
} from '../src/index.ts';
import { groupRunning, processRunning } from '../src/proc-tree.ts';
import {
  assistants,
  failed,
  parsed,
  sessionByKey,
  texts,
  toolCalls,
  toolLines,
  toolResults,
  views,
} from './written.ts';

const CHANNEL = 'agent:main:mattermost:channel:4xk9pq7wbjdo8rj3n5s1mct6ue';
const THREAD = `${CHANNEL}:thread:8z1yq3mhsfn5pcd7e4u9wqx2ka`;
const RUN_TIMEOUT = 180_000;

let model: ScriptedModel;
beforeAll(async () => {
  model = await startScriptedModel();
});
const homes: string[] = [];
afterAll(async () => {
  await model?.close();
  await Promise.all(homes.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function home(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `livestatus-oc-${name}-`));
  homes.push(dir);
  return dir;
}
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Running processes whose environment has HOME=home: whatever OpenClaw started for that run. */
function processesOf(home: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return (
          processRunning(pid) &&
          readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`HOME=${home}`)
        );
      } catch {
        return false;
      }
    });
}

/** Rows per session in the agent DB, read with node:sqlite directly (read-only), independent of readWrittenState. */
function transcriptRows(dbPath: string): Map<string, number> {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  try {
    const rows = db
      .prepare('SELECT session_id, count(*) AS n FROM transcript_events GROUP BY session_id')
      .all() as {
      session_id: string;
      n: number;
    }[];
    return new Map(rows.map((r) => [r.session_id, Number(r.n)]));
  } finally {
    db.close();
  }
}

describe.each(OPENCLAW_VERSIONS)('real OpenClaw %s', (version: OpenClawVersion) => {
  const era = eraOf(version);

  beforeAll(async () => {
    const started = Date.now();
    try {
      await ensureOpenClaw(version, { log: (line) => console.log(line) });
    } catch (error) {
      throw new Error(
        `openclaw@${version} could not be installed from the npm registry, so the end-to-end suite cannot run: ${(error as Error).message}`,
      );
    }
    console.log(`openclaw@${version} ready in ${seconds(Date.now() - started)}`);
  });

  it('writes an embedded turn with exec, parallel read + failing exec, a unicode write and a final reply', async () => {
    const started = Date.now();
    const run = await runOpenClaw({
      version,
      home: await home('basic'),
      sessionKey: THREAD,
      message: 'List the work dir [scenario:basic]',
      modelUrl: model.url,
      timeoutMs: RUN_TIMEOUT,
    });
    console.log(`${version} embedded basic run: ${seconds(Date.now() - started)}`);
    expect(run.exitCode, run.stderr.slice(-2000)).toBe(0);
    const cli = JSON.parse(run.stdout) as { payloads?: { text?: string }[] };
    expect(cli.payloads?.[0]?.text).toContain('Done.');

    const state = readWrittenState(run.stateDir);
    expect(state.era).toBe(era);
    const session = sessionByKey(state.sessions, THREAD);
    if (era === 'jsonl') {
      expect(state.files).toContain(join(run.stateDir, 'agents/main/sessions/sessions.json'));
      // a thread session's transcript is named <sessionId>-topic-<rootPostId>.jsonl
      expect(state.files).toContain(
        join(
          run.stateDir,
          `agents/main/sessions/${session.sessionId}-topic-8z1yq3mhsfn5pcd7e4u9wqx2ka.jsonl`,
        ),
      );
    } else {
      const db = join(run.stateDir, 'agents/main/agent/openclaw-agent.sqlite');
      expect(state.files).toEqual([db]);
      expect(transcriptRows(db).get(session.sessionId)).toBe(session.entries.length);
    }

    const entries = parsed(session);
    expect(entries[0]?.type).toBe('session');
    const calls = toolCalls(entries);
    expect(calls.map((c) => c.name)).toEqual(['exec', 'read', 'exec', 'write']);
    expect(calls[0]?.arguments).toEqual({ command: `ls -la ${model.workDir}` });

    const results = toolResults(entries);
    const byCall = new Map(results.map((r) => [r.toolCallId, r]));
    expect(calls.map((c) => byCall.get(c.id) && failed(byCall.get(c.id)!))).toEqual([
      false,
      false,
      true,
      false,
    ]);

    // the two calls of the second step were one assistant message (run in parallel)
    const second = assistants(entries)[1];
    expect(second?.content.filter((b) => b.type === 'toolCall')).toHaveLength(2);

    const messages = assistants(entries);
    const last = messages.at(-1);
    expect(last?.stopReason).toBe('stop');
    expect(texts(entries).at(-1)).toContain('hello world');
    // usage: cached prompt tokens are reported apart from input (1500 prompt, 1100 cached)
    expect(second?.usage).toMatchObject({ input: 400, output: 80, cacheRead: 1100 });
    expect(messages.every((m) => (m.usage?.totalTokens ?? 0) > 0)).toBe(true);

    expect(await readFile(join(model.workDir, 'out.md'), 'utf8')).toBe('# Report\n\nünïcödé ✓ 日本語 🚀\n');

    // what a status box would show for this turn
    const view = views(session).at(-1);
    expect(view?.state).toBe('done');
    expect(toolLines(view)).toEqual(['exec:ok', 'read:ok', 'exec:error', 'write:ok']);
    expect(view?.tokens).toBe(messages.reduce((sum, m) => sum + (m.usage?.totalTokens ?? 0), 0));
  });

  it('runs a gateway turn that spawns a sub-agent, then the announce turn, and stops every process', async () => {
    const started = Date.now();
    const gatewayHome = await home('gateway');
    const run = await runOpenClaw({
      version,
      home: gatewayHome,
      sessionKey: CHANNEL,
      message: `Delegate the listing [scenario:${subagentScenario(version)}]`,
      gateway: true,
      modelUrl: model.url,
      timeoutMs: RUN_TIMEOUT,
    });
    console.log(
      `${version} gateway sub-agent run (start, turn, child, announce, stop): ${seconds(Date.now() - started)}`,
    );
    expect(run.exitCode, run.stderr.slice(-2000)).toBe(0);
    expect(processesOf(gatewayHome)).toEqual([]);

    const state = readWrittenState(run.stateDir);
    const parent = sessionByKey(state.sessions, CHANNEL);
    const child = state.sessions.find((s) => s.key.startsWith('agent:main:subagent:'));
    expect(child, `sessions: ${state.sessions.map((s) => s.key)}`).toBeDefined();
    expect(child?.spawnedBy).toBe(CHANNEL);
    expect(parent.status).toBe('done');
    expect(child?.status).toBe('done');

    const parentEntries = parsed(parent);
    const spawn = toolCalls(parentEntries)[0];
    if (era === 'jsonl') {
      expect(spawn).toMatchObject({ name: 'sessions_spawn', arguments: { label: 'lister' } });
    } else {
      expect(spawn).toMatchObject({ name: 'tool_call', arguments: { id: 'sessions_spawn' } });
    }
    const spawnResult = toolResults(parentEntries).find((r) => r.toolCallId === spawn?.id);
    expect(spawnResult?.childSessionKey).toBe(child?.key);
    // the announce turn: the child's completion delivered back into the parent
    expect(texts(parentEntries).at(-1)).toContain('The sub-agent reported');

    // the parent's first turn draws the child under its spawn call (9.x: the inner tool is shown)
    const spawnView = views(parent)
      .filter((v) => v.turn === 1)
      .at(-1);
    expect(spawnView?.state).toBe('done');
    const spawnLine = spawnView?.lines.find((l) => l.kind === 'tool' && l.childKey);
    expect(spawnLine).toMatchObject({ tool: 'sessions_spawn', status: 'ok', childKey: child?.key });
    const childView = views(child!).at(-1)!;
    expect(childView.state).toBe('done');
    expect(toolLines(childView)).toEqual(['exec:ok']);
    const nested = nestSubagents(spawnView!, new Map([[child!.key, childView]]));
    const drawn = nested.lines.find((l) => l.kind === 'tool' && l.childKey);
    expect(drawn?.kind === 'tool' && drawn.subagent).toMatchObject({ key: child?.key, state: 'done' });

    const childEntries = parsed(child!);
    expect(toolCalls(childEntries).map((c) => c.name)).toEqual(['exec']);
    expect(texts(childEntries).at(-1)).toContain('Child result');
  });

  if (era === 'jsonl') {
    it('keeps one gateway up across two turns while its state dir is read, then stops its whole process group', async () => {
      const started = Date.now();
      const gateway = await startGateway({ version, home: await home('long'), modelUrl: model.url });
      console.log(
        `${version} gateway ready in ${seconds(Date.now() - started)} on 127.0.0.1:${gateway.port}`,
      );
      try {
        const first = await gateway.runAgent({
          sessionKey: THREAD,
          message: 'one [scenario:basic]',
          timeoutMs: RUN_TIMEOUT,
        });
        expect(first.exitCode, first.stderr.slice(-2000)).toBe(0);
        const second = await gateway.runAgent({
          sessionKey: CHANNEL,
          message: `two [scenario:${subagentScenario(version)}]`,
          timeoutMs: RUN_TIMEOUT,
        });
        expect(second.exitCode, second.stderr.slice(-2000)).toBe(0);
        const idle = await gateway.waitForIdle();
        const keys = idle.sessions.map((s) => s.key);
        expect(keys).toHaveLength(3);
        expect(keys).toEqual(
          expect.arrayContaining([CHANNEL, THREAD, expect.stringMatching(/^agent:main:subagent:/)]),
        );
      } finally {
        await gateway.stop();
      }
      expect(groupRunning(gateway.pid)).toBe(false);
      console.log(`${version} long-lived gateway, two turns: ${seconds(Date.now() - started)}`);
    });

    it('aborts a running turn and leaves no process behind', async () => {
      const controller = new AbortController();
      const abortHome = await home('abort');
      const run = runOpenClaw({
        version,
        home: abortHome,
        sessionKey: CHANNEL,
        message: 'build [scenario:slow]',
        modelUrl: model.url,
        timeoutMs: RUN_TIMEOUT,
        signal: controller.signal,
      });
      // the slow script's first step is `sleep 6`: abort while it runs
      const waitForSleep = async () => {
        while (!model.requests.some((r) => r.analysis?.scenario === 'slow'))
          await new Promise((r) => setTimeout(r, 50));
      };
      await waitForSleep();
      controller.abort(new Error('test abort'));
      await expect(run).rejects.toThrow('test abort');
      expect(processesOf(abortHome)).toEqual([]);
    });
  }
});
