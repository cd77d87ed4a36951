import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionRecord } from '../types.ts';
import { agentFromKey, threadFromKey } from './session-key.ts';
import { parseSessionsJson, resolveTranscriptPath } from './sessions-json.ts';
import { recordsFromSqliteRows } from './sqlite-rows.ts';
import { FIXTURES, readFixture } from './test-fixtures.ts';

const GATEWAY = 'v2026.7.35-gateway';
const SESSIONS_DIR = path.join(FIXTURES, GATEWAY, 'agents/main/sessions');
const ctx = { agent: 'main', sessionsDir: SESSIONS_DIR, exists: (p: string) => fs.existsSync(p) };

function byKey(records: SessionRecord[], key: string): SessionRecord {
  const r = records.find((x) => x.key === key);
  if (!r) throw new Error(`no record ${key}`);
  return r;
}

function parseOk(text: string) {
  const r = parseSessionsJson(text, ctx);
  if (!r.ok) throw new Error(r.error);
  return r.records;
}

const PARENT_KEY = 'agent:main:mattermost:channel:4xk9pq7wbjdo8rj3n5s1mct6ue';
const THREAD_KEY = `${PARENT_KEY}:thread:8z1yq3mhsfn5pcd7e4u9wqx2ka`;

describe('parseSessionsJson on real registries', () => {
  it('maps the gateway registry: status, times, parent link and resolved transcript paths', () => {
    const records = parseOk(readFixture(`${GATEWAY}/agents/main/sessions/sessions.json`));
    expect(records.map((r) => r.key).sort()).toEqual(
      [
        PARENT_KEY,
        'agent:main:subagent:a7d49975-dd6e-4f54-a48c-2eea97a86fca',
        THREAD_KEY,
        'agent:main:mattermost:direct:u7gq1m3kx5f8bq2ncw9ta4zr6e',
        'agent:main:explicit:error-case',
      ].sort(),
    );
    const child = byKey(records, 'agent:main:subagent:a7d49975-dd6e-4f54-a48c-2eea97a86fca');
    expect(child).toMatchObject({
      sessionId: 'cb64a89e-c843-4457-b239-294d89aa69a6',
      agent: 'main',
      label: 'lister',
      status: 'done',
      parentKey: PARENT_KEY,
      startedAt: 1795514483299,
      endedAt: 1795514484340,
      // The gateway's /home/node path does not exist here: the same file name in the watched folder.
      transcript: {
        kind: 'jsonl',
        path: path.join(SESSIONS_DIR, 'cb64a89e-c843-4457-b239-294d89aa69a6.jsonl'),
      },
    });
    expect(fs.existsSync((child.transcript as { path: string }).path)).toBe(true);
    // Routed to webchat, not Mattermost: no target even though the key names a Mattermost channel.
    expect(byKey(records, PARENT_KEY).mattermost).toBeUndefined();
    expect(byKey(records, 'agent:main:explicit:error-case')).toMatchObject({
      status: 'timeout',
      endedAt: 1795514564711,
    });
  });

  it('follows the live slow run from a new key through running to done', () => {
    const statuses = ['003', '004', '006', '010', '012', '013'].map((n) => {
      const records = parseOk(readFixture(`${GATEWAY}/live-slow-run/${n}-sessions.json`));
      const r = records.find((x) => x.key === THREAD_KEY);
      return r
        ? {
            status: r.status,
            startedAt: r.startedAt,
            endedAt: r.endedAt,
            file: path.basename((r.transcript as { path: string }).path),
          }
        : undefined;
    });
    const file = 'd15efd32-173e-47e7-921e-be080eced864-topic-8z1yq3mhsfn5pcd7e4u9wqx2ka.jsonl';
    expect(statuses).toEqual([
      undefined,
      // Before `sessionFile` is written the name is derived like OpenClaw names thread sessions.
      { status: null, startedAt: undefined, endedAt: undefined, file },
      { status: null, startedAt: undefined, endedAt: undefined, file },
      { status: 'running', startedAt: 1795514521115, endedAt: undefined, file },
      { status: 'running', startedAt: 1795514521115, endedAt: undefined, file },
      { status: 'done', startedAt: 1795514520699, endedAt: 1795514527335, file },
    ]);
  });

  it('returns an error for a torn (half-written) file', () => {
    const full = readFixture(`${GATEWAY}/live-slow-run/010-sessions.json`);
    for (const cut of [0, 1, 100, Math.floor(full.length / 2), full.length - 1]) {
      const r = parseSessionsJson(full.slice(0, cut), ctx);
      expect(r.ok, `cut at ${cut}`).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/sessions\.json/);
    }
    expect(parseSessionsJson('[1,2]', ctx).ok).toBe(false);
  });

  it('skips malformed entries with a problem and keeps the rest', () => {
    const r = parseSessionsJson(
      JSON.stringify({ a: 5, 'agent:x:main': { sessionId: 's1' }, b: { nope: 1 } }),
      ctx,
    );
    expect(r.ok && r.records.map((x) => [x.key, x.agent, x.status])).toEqual([['agent:x:main', 'x', null]]);
    expect(r.ok && r.problems).toHaveLength(2);
  });
});

describe('Mattermost target from the registry entry', () => {
  const entry = (over: object) =>
    JSON.stringify({
      [THREAD_KEY]: { sessionId: 's', ...over },
      'agent:main:main': {
        sessionId: 'd',
        deliveryContext: {
          channel: 'mattermost',
          to: 'user:u7gq1m3kx5f8bq2ncw9ta4zr6e',
          accountId: 'default',
        },
      },
    });

  it('reads channel, thread root and account from deliveryContext (7.x) and the DM user', () => {
    const records = parseOk(
      entry({
        deliveryContext: {
          channel: 'mattermost',
          to: 'channel:4xk9pq7wbjdo8rj3n5s1mct6ue',
          accountId: 'default',
          threadId: '9fb65c4a9231b79025eb99f02c',
        },
      }),
    );
    expect(byKey(records, THREAD_KEY).mattermost).toEqual({
      channelId: '4xk9pq7wbjdo8rj3n5s1mct6ue',
      rootId: '9fb65c4a9231b79025eb99f02c',
      accountId: 'default',
    });
    expect(byKey(records, 'agent:main:main').mattermost).toEqual({
      dmUserId: 'u7gq1m3kx5f8bq2ncw9ta4zr6e',
      accountId: 'default',
    });
  });

  it('reads 9.x delivery.context and falls back to lastThreadId, origin.threadId and the key suffix', () => {
    const nine = parseOk(
      entry({
        delivery: {
          kind: 'external',
          context: { channel: 'mattermost', to: 'channel:c1', accountId: 'bot2' },
        },
        lastThreadId: 'root1',
      }),
    );
    expect(byKey(nine, THREAD_KEY).mattermost).toEqual({
      channelId: 'c1',
      rootId: 'root1',
      accountId: 'bot2',
    });
    const origin = parseOk(
      entry({ deliveryContext: { channel: 'mattermost', to: 'channel:c1' }, origin: { threadId: 'root2' } }),
    );
    expect(byKey(origin, THREAD_KEY).mattermost?.rootId).toBe('root2');
    const suffix = parseOk(entry({ deliveryContext: { channel: 'mattermost', to: 'channel:c1' } }));
    expect(byKey(suffix, THREAD_KEY).mattermost?.rootId).toBe('8z1yq3mhsfn5pcd7e4u9wqx2ka');
  });

  it('gives no target for other channels or an unusable `to`', () => {
    expect(
      byKey(parseOk(entry({ deliveryContext: { channel: 'telegram', to: 'channel:c1' } })), THREAD_KEY)
        .mattermost,
    ).toBeUndefined();
    expect(
      byKey(parseOk(entry({ deliveryContext: { channel: 'mattermost', to: 'nonsense' } })), THREAD_KEY)
        .mattermost,
    ).toBeUndefined();
  });
});

describe('recordsFromSqliteRows on the real 9.6 export', () => {
  const rowsOf = (dir: string) => ({
    nodes: JSON.parse(readFixture(`${dir}/export/session_nodes.json`)) as object[],
    windows: JSON.parse(readFixture(`${dir}/export/session_windows.json`)) as object[],
    conversations: [],
  });

  it('maps parent and sub-agent nodes with parent link, label, status and times', () => {
    const dbPath = '/state/agents/main/agent/openclaw-agent.sqlite';
    const records = recordsFromSqliteRows(rowsOf('v2026.9.6-sqlite-gateway-subagent'), {
      agent: 'main',
      dbPath,
    });
    expect(records).toHaveLength(2);
    expect(byKey(records, PARENT_KEY)).toMatchObject({
      sessionId: '44920d39-5015-4bb9-903a-f7e7081c58c5',
      status: 'done',
      startedAt: 1795515048689,
      endedAt: 1795515049508,
      transcript: { kind: 'sqlite', dbPath, sessionId: '44920d39-5015-4bb9-903a-f7e7081c58c5' },
    });
    expect(byKey(records, PARENT_KEY).parentKey).toBeUndefined();
    expect(byKey(records, 'agent:main:subagent:df17bc7c-25ab-4445-b494-3e50a576c580')).toMatchObject({
      sessionId: '583ced98-5de1-4f65-bef1-2a8d19bca309',
      label: 'lister',
      parentKey: PARENT_KEY,
      status: 'done',
      startedAt: 1795515045916,
      endedAt: 1795515048307,
    });
  });

  it('reads entry_json given as TEXT (as the database stores it) the same way', () => {
    const rows = rowsOf('v2026.9.6-sqlite-local-basic');
    const asText = {
      ...rows,
      nodes: rows.nodes.map((n) => ({
        ...n,
        entry_json: JSON.stringify((n as { entry_json: unknown }).entry_json),
      })),
    };
    const a = recordsFromSqliteRows(rows, { agent: 'main', dbPath: 'db' });
    const b = recordsFromSqliteRows(asText, { agent: 'main', dbPath: 'db' });
    expect(b).toEqual(a);
    expect(a[0]).toMatchObject({
      key: THREAD_KEY,
      sessionId: 'c0a18a3e-66ed-4eae-b705-d14b1d48b6b0',
      status: null,
    });
  });

  it('takes the Mattermost target from the primary conversation when the entry has none', () => {
    const records = recordsFromSqliteRows(
      {
        nodes: [
          {
            session_key: THREAD_KEY,
            current_session_id: 's9',
            entry_json: '{"sessionId":"s9","delivery":{"kind":"none"}}',
            status: 'running',
          },
        ],
        windows: [{ session_id: 's9', primary_conversation_id: 'conv1', started_at: 5 }],
        conversations: [
          {
            conversation_id: 'conv1',
            channel: 'mattermost',
            kind: 'channel',
            delivery_target: 'channel:c1',
            thread_id: 'r1',
            account_id: 'default',
          },
        ],
      },
      { agent: 'main', dbPath: 'db' },
    );
    expect(records[0]).toMatchObject({
      status: 'running',
      startedAt: 5,
      mattermost: { channelId: 'c1', rootId: 'r1', accountId: 'default' },
    });
  });

  it('skips rows without a key or session id and survives broken entry_json', () => {
    const records = recordsFromSqliteRows(
      {
        nodes: [
          {},
          { session_key: 'k' },
          { session_key: 'agent:z:main', current_session_id: 's', entry_json: '{broken' },
          null as unknown as object,
        ],
        windows: [5 as unknown as object],
        conversations: [],
      },
      { agent: 'main', dbPath: 'db' },
    );
    expect(records.map((r) => [r.key, r.agent, r.status])).toEqual([['agent:z:main', 'z', null]]);
  });
});

describe('session keys and paths', () => {
  it('extracts the agent and thread root', () => {
    expect(agentFromKey('agent:ops:mattermost:channel:x')).toBe('ops');
    expect(agentFromKey('agent:main')).toBe('main');
    expect(agentFromKey('cron:job1')).toBe('');
    expect(threadFromKey(THREAD_KEY)).toBe('8z1yq3mhsfn5pcd7e4u9wqx2ka');
    expect(threadFromKey(PARENT_KEY)).toBeUndefined();
  });

  it('keeps an existing sessionFile and otherwise resolves its base name in the watched folder', () => {
    expect(resolveTranscriptPath('/gw/s/a.jsonl', '/watch', (p) => p === '/gw/s/a.jsonl')).toBe(
      '/gw/s/a.jsonl',
    );
    expect(resolveTranscriptPath('/gw/s/a.jsonl', '/watch', () => false)).toBe(
      path.join('/watch', 'a.jsonl'),
    );
    expect(resolveTranscriptPath('C:\\gw\\b.jsonl', '/watch')).toBe(path.join('/watch', 'b.jsonl'));
    expect(resolveTranscriptPath('/gw/..', '/watch')).not.toContain('..');
  });
});
