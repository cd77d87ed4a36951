import { describe, expect, it } from 'vitest';
import { analyse, type ChatMessage, plan } from './scenarios.ts';

const tools = [{ type: 'function', function: { name: 'exec' } }];
const user = (text: string): ChatMessage => ({ role: 'user', content: [{ type: 'text', text }] });
const assistant: ChatMessage = { role: 'assistant', content: '' };
const tool: ChatMessage = { role: 'tool', content: 'ok' };
const internal: ChatMessage = {
  role: 'user',
  content: '<<<BEGIN_OPENCLAW_INTERNAL_CONTEXT>>>\nruntime\n<<<END>>>',
};

function toolNames(messages: ChatMessage[]): string[] {
  const reply = plan({ messages, tools }, '/w');
  return reply.kind === 'reply' ? (reply.toolCalls ?? []).map((c) => c.name) : [];
}

describe('scripted scenarios', () => {
  it('walks the basic script: exec, then parallel read + failing exec, then a unicode write, then a final text', () => {
    const start = [user('list it [scenario:basic]')];
    expect(toolNames(start)).toEqual(['exec']);
    const second = [...start, assistant, tool];
    expect(toolNames(second)).toEqual(['read', 'exec']);
    const reply1 = plan({ messages: second, tools }, '/w');
    expect(reply1.kind === 'reply' && reply1.toolCalls?.[1]?.args).toEqual({
      command: 'cat /nonexistent/file.txt',
    });
    const third = [...second, assistant, tool, tool];
    const write = plan({ messages: third, tools }, '/w');
    expect(write.kind === 'reply' && write.toolCalls?.[0]).toMatchObject({
      name: 'write',
      args: { path: '/w/out.md' },
    });
    expect(JSON.stringify(write)).toContain('日本語 🚀');
    const final = plan({ messages: [...third, assistant, tool], tools }, '/w');
    expect(final).toMatchObject({ kind: 'reply', text: expect.stringContaining('Done.') });
    expect(final.kind === 'reply' && final.toolCalls).toBeFalsy();
  });

  it('does not count 9.x internal-context user messages as new user turns', () => {
    const messages = [user('go [scenario:basic]'), assistant, tool, internal];
    expect(analyse(messages).step).toBe(1);
    expect(toolNames(messages)).toEqual(['read', 'exec']);
  });

  it('spawns with sessions_spawn for 7.x and tool_call{id:"sessions_spawn"} for 9.x', () => {
    expect(toolNames([user('delegate [scenario:subagent]')])).toEqual(['sessions_spawn']);
    const nested = plan({ messages: [user('delegate [scenario:subagent9]')], tools }, '/w');
    expect(nested.kind === 'reply' && nested.toolCalls?.[0]).toMatchObject({
      name: 'tool_call',
      args: { id: 'sessions_spawn', args: { label: 'lister' } },
    });
  });

  it('runs a child task as the child script, whatever the parent scenario', () => {
    const child = [user('[Subagent Task]\n[child-task] List the files [scenario:subagent]')];
    expect(analyse(child).isChild).toBe(true);
    expect(toolNames(child)).toEqual(['exec']);
    const done = plan({ messages: [...child, assistant, tool], tools }, '/w');
    expect(done).toMatchObject({ kind: 'reply', text: expect.stringContaining('Child result') });
  });

  it('answers the announce turn of a finished sub-agent with text only', () => {
    const messages = [
      user('delegate [scenario:subagent]'),
      assistant,
      tool,
      assistant,
      user('[Background task completed] the sub-agent finished'),
    ];
    const reply = plan({ messages, tools }, '/w');
    expect(reply).toMatchObject({ kind: 'reply', text: expect.stringContaining('sub-agent reported') });
  });

  it('summarises tool-less (compaction) requests and fails the error scenario with HTTP 500', () => {
    expect(plan({ messages: [user('x [scenario:basic]')] }, '/w')).toMatchObject({
      text: expect.stringContaining('Summary'),
    });
    expect(plan({ messages: [user('x [scenario:error]')], tools }, '/w')).toEqual({
      kind: 'httpError',
      status: 500,
    });
  });

  it('reports usage with cached prompt tokens', () => {
    const reply = plan({ messages: [user('x [scenario:basic]'), assistant, tool], tools }, '/w');
    expect(reply.kind === 'reply' && reply.usage).toEqual({
      prompt_tokens: 1500,
      completion_tokens: 80,
      total_tokens: 1580,
      prompt_tokens_details: { cached_tokens: 1100 },
    });
  });
});
