import { describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../types.ts';
import { parseEntry, parseEntryValue, TOOL_RESULT_TEXT_MAX } from './parse-entry.ts';
import { fixtureEntries, fixtureLines, TRANSCRIPTS, type TranscriptName } from './test-fixtures.ts';
import { codePointLength } from './text.ts';

function message(e: TranscriptEntry) {
  if (e.type !== 'message') throw new Error(`expected a message, got ${e.type}`);
  return e.message;
}

describe('parseEntry on real transcripts', () => {
  it('parses every line of every fixture transcript of both eras', () => {
    for (const name of Object.keys(TRANSCRIPTS) as TranscriptName[]) {
      const lines = fixtureLines(name);
      const entries = fixtureEntries(name);
      expect(entries).toHaveLength(lines.length);
      expect(entries[0]?.type).toBe('session');
      expect(entries.some((e) => e.type === 'unknown')).toBe(false);
    }
  });

  it('reads the header, model change and thinking level of a 7.35 file', () => {
    const [header, model, thinking] = fixtureEntries('basic735');
    expect(header).toMatchObject({
      type: 'session',
      id: '91a91807-da8d-4e09-8cac-722a3462075f',
      version: 3,
      parentId: null,
      timestamp: Date.parse('2026-11-24T10:00:40.992Z'),
    });
    expect(model).toMatchObject({
      type: 'model_change',
      id: 'bdd24666',
      modelId: 'fake-model',
      provider: 'fake',
    });
    expect(thinking).toMatchObject({
      type: 'thinking_level_change',
      parentId: 'bdd24666',
      thinkingLevel: 'medium',
    });
  });

  it('drops thinking content and keeps text, tool calls and usage of an assistant message', () => {
    const assistant = message(fixtureEntries('basic735')[5]!);
    expect(assistant).toMatchObject({
      role: 'assistant',
      stopReason: 'toolUse',
      usage: { input: 1200, output: 60, totalTokens: 1260, cost: 0.0045 },
      content: [
        { type: 'thinking' },
        { type: 'text', text: 'Let me look at the work directory.' },
        {
          type: 'toolCall',
          id: 'call_2_0',
          name: 'exec',
          arguments: { command: 'ls -la /home/node/workdir' },
        },
      ],
    });
    expect(JSON.stringify(assistant)).not.toContain('directory listing and the content');
  });

  it('keeps a failing exec result as isError with exit code 1 in 7.35 and isError:false in 9.6', () => {
    const r735 = message(fixtureEntries('basic735')[9]!);
    const r96 = message(
      fixtureEntries('basic96').find((e) => e.id === '2cc9fc37-f74a-46e3-a012-ccf421a932f9')!,
    );
    expect(r735).toMatchObject({
      role: 'toolResult',
      toolCallId: 'call_3_1',
      isError: true,
      details: { exitCode: 1 },
    });
    expect(r96).toMatchObject({
      role: 'toolResult',
      toolCallId: 'call_2_1',
      isError: false,
      details: { exitCode: 1 },
    });
  });

  it('bounds the 60 000-line tool output to a few hundred characters and drops its bulky details', () => {
    const lines = fixtureLines('big735');
    const bigLine = lines.find((l) => l.includes('"toolResult"'))!;
    expect(bigLine.length).toBeGreaterThan(60_000);
    const r = parseEntry(bigLine);
    expect(r.ok).toBe(true);
    const m = r.ok ? message(r.entry) : undefined;
    if (m?.role !== 'toolResult') throw new Error('expected a toolResult');
    expect(codePointLength(m.text)).toBeLessThanOrEqual(TOOL_RESULT_TEXT_MAX);
    expect(m.details).toMatchObject({ exitCode: 0, status: 'completed' });
    expect(JSON.stringify(r).length).toBeLessThan(2_000);
  });

  it('drops the aggregated output from exec details', () => {
    const m = message(fixtureEntries('basic735')[6]!);
    expect(m).toMatchObject({ role: 'toolResult', details: { exitCode: 0, durationMs: 83 } });
    expect(JSON.stringify(m)).not.toContain('aggregated');
  });

  it('finds the child session key of a 7.35 sessions_spawn result', () => {
    const m = message(fixtureEntries('parent735').find((e) => e.id === '290cc5ac')!);
    expect(m).toMatchObject({
      role: 'toolResult',
      toolName: 'sessions_spawn',
      childSessionKey: 'agent:main:subagent:a7d49975-dd6e-4f54-a48c-2eea97a86fca',
    });
  });

  it('finds the child key in the text when details are missing (escaped JSON of a 9.x wrapper)', () => {
    const escaped = {
      type: 'message',
      id: 'x1',
      parentId: null,
      timestamp: '2026-11-24T10:00:00.000Z',
      message: {
        role: 'toolResult',
        toolCallId: 'c1',
        toolName: 'tool_call',
        content: [
          {
            type: 'text',
            text: '{"result":{"text":"{\\n  \\"childSessionKey\\": \\"agent:main:subagent:abc\\"\\n}"}}',
          },
        ],
        isError: false,
      },
    };
    const r = parseEntryValue(escaped);
    expect(r.ok && message(r.entry)).toMatchObject({ childSessionKey: 'agent:main:subagent:abc' });
  });

  it('reads the 9.x nested-tool custom message as the inner tool with its child key', () => {
    const entries = fixtureEntries('parent96');
    const nested = message(entries.find((e) => e.id === '6a78c579-e1fc-49e2-a270-364e944e8984')!);
    expect(nested).toMatchObject({
      role: 'custom',
      customType: 'openclaw.nested-tool.v1',
      nestedTool: {
        parentToolCallId: 'call_6_0',
        toolName: 'sessions_spawn',
        input: { label: 'lister' },
        isError: false,
        childSessionKey: 'agent:main:subagent:df17bc7c-25ab-4445-b494-3e50a576c580',
      },
    });
    const wrapperResult = message(entries.find((e) => e.id === '640027a5-777f-4724-96ca-d5c1b72b0d8b')!);
    expect(wrapperResult).toMatchObject({
      role: 'toolResult',
      toolName: 'tool_call',
      childSessionKey: 'agent:main:subagent:df17bc7c-25ab-4445-b494-3e50a576c580',
      details: { innerToolName: 'sessions_spawn' },
    });
  });

  it('parses the compaction entry with its summary', () => {
    const last = fixtureEntries('slow735').at(-1)!;
    expect(last).toMatchObject({
      type: 'compaction',
      id: '7605e88c',
      firstKeptEntryId: '87c56b4e',
      tokensBefore: 1205,
    });
  });

  it('parses the provider error with its message', () => {
    const m = message(fixtureEntries('error735')[5]!);
    expect(m).toMatchObject({
      role: 'assistant',
      stopReason: 'error',
      errorMessage: '500 fake upstream failure (scripted)',
    });
  });
});

describe('parseEntry on documented-only and bad input', () => {
  const base = { id: 'e1', parentId: 'e0', timestamp: '2026-11-24T10:00:00.000Z' };

  it('parses the documented entry types', () => {
    const cases: [object, object][] = [
      [
        { ...base, type: 'custom_message', customType: 'note', content: 'hello', display: true },
        { type: 'custom_message', text: 'hello', display: true },
      ],
      [
        { ...base, type: 'branch_summary', fromId: 'e0', summary: 'went back' },
        { type: 'branch_summary', fromId: 'e0', summary: 'went back' },
      ],
      [
        { ...base, type: 'label', targetId: 'e0', label: 'checkpoint' },
        { type: 'label', targetId: 'e0', label: 'checkpoint' },
      ],
      [
        { ...base, type: 'session_info', name: 'Build bot' },
        { type: 'session_info', name: 'Build bot' },
      ],
      [
        { ...base, type: 'leaf', targetId: 'e0' },
        { type: 'unknown', originalType: 'leaf' },
      ],
      [
        { ...base, type: 'message', message: { role: 'bashExecution', command: 'ls' } },
        { type: 'message', message: { role: 'other', originalRole: 'bashExecution' } },
      ],
    ];
    for (const [input, expected] of cases) {
      const r = parseEntryValue(input);
      expect(r.ok, JSON.stringify(input)).toBe(true);
      if (r.ok) expect(r.entry).toMatchObject({ id: 'e1', parentId: 'e0', ...expected });
    }
  });

  it('drops images and keeps user text from content blocks', () => {
    const r = parseEntryValue({
      ...base,
      type: 'message',
      message: {
        role: 'user',
        content: [
          { type: 'image', data: 'AAAA'.repeat(1000), mimeType: 'image/png' },
          { type: 'text', text: 'look' },
        ],
      },
    });
    expect(r.ok && r.entry).toMatchObject({ message: { role: 'user', text: 'look' } });
    expect(JSON.stringify(r)).not.toContain('AAAA');
  });

  it('bounds a huge write content but remembers its size', () => {
    const content = 'ü'.repeat(50_000);
    const r = parseEntryValue({
      ...base,
      type: 'message',
      message: {
        role: 'assistant',
        content: [{ type: 'toolCall', id: 't', name: 'write', arguments: { path: '/a', content } }],
      },
    });
    const block =
      r.ok && r.entry.type === 'message' && r.entry.message.role === 'assistant'
        ? r.entry.message.content[0]
        : undefined;
    expect(block).toMatchObject({ type: 'toolCall', argBytes: { content: 100_000 } });
    expect(JSON.stringify(block).length).toBeLessThan(40_000);
  });

  it('returns errors for junk, never throws', () => {
    const junk = [
      '',
      '   ',
      'not json',
      '{"type":',
      '[]',
      '42',
      'null',
      '{"id":"x"}',
      '{"type":"message","id":"x"}',
      '{"type":"model_change"}',
      '{"type":"session"}',
    ];
    for (const line of junk) {
      const r = parseEntry(line);
      expect(r.ok, line).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/\w/);
    }
  });

  it('keeps agent text out of the error message', () => {
    const r = parseEntry('{"type":"message","secret":"sk-live-abcdef0123456789"');
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('sk-live');
  });

  it('treats unparseable timestamps as 0 and wrong field types as absent', () => {
    const r = parseEntryValue({
      type: 'model_change',
      id: 'm',
      parentId: 5,
      timestamp: 'yesterday',
      modelId: 7,
    });
    expect(r).toEqual({ ok: true, entry: { type: 'model_change', id: 'm', parentId: null, timestamp: 0 } });
  });
});
