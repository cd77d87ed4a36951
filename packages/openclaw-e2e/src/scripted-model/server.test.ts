import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ScriptedModel, startScriptedModel } from './server.ts';

let model: ScriptedModel | undefined;
afterEach(async () => {
  await model?.close();
  model = undefined;
});

const tools = [{ type: 'function', function: { name: 'exec', parameters: {} } }];

function post(url: string, body: unknown): Promise<Response> {
  return fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function sseEvents(text: string): unknown[] {
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('data: ') && block !== 'data: [DONE]')
    .map((block) => JSON.parse(block.slice(6)));
}

describe('scripted model server', () => {
  it('listens on 127.0.0.1 only and prepares a work dir with hello.txt', async () => {
    model = await startScriptedModel();
    expect(model.url).toBe(`http://127.0.0.1:${model.port}/v1`);
    expect(await readFile(join(model.workDir, 'hello.txt'), 'utf8')).toBe('hello world\n');
    const models = (await (await fetch(`${model.url}/models`)).json()) as { data: { id: string }[] };
    expect(models.data[0]?.id).toBe('fake-model');
  });

  it('streams text, tool-call argument fragments, a finish reason and usage as SSE', async () => {
    model = await startScriptedModel();
    const res = await post(model.url, {
      model: 'fake-model',
      stream: true,
      tools,
      messages: [{ role: 'user', content: 'look [scenario:basic]' }],
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const body = await res.text();
    expect(body.trimEnd().endsWith('data: [DONE]')).toBe(true);
    type Chunk = {
      choices: {
        delta: { content?: string; tool_calls?: { function?: { name?: string; arguments?: string } }[] };
        finish_reason: string | null;
      }[];
      usage?: { prompt_tokens: number };
    };
    const events = sseEvents(body) as Chunk[];
    const text = events.map((e) => e.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Let me look at the work directory.');
    const calls = events.flatMap((e) => e.choices[0]?.delta.tool_calls ?? []);
    expect(calls[0]?.function?.name).toBe('exec');
    const args = JSON.parse(calls.map((c) => c.function?.arguments ?? '').join(''));
    expect(args).toEqual({ command: `ls -la ${model.workDir}` });
    expect(events.some((e) => e.choices[0]?.finish_reason === 'tool_calls')).toBe(true);
    expect(events.at(-1)?.usage?.prompt_tokens).toBe(1200);
    expect(model.requests.at(-1)?.analysis).toMatchObject({ scenario: 'basic', step: 0 });
  });

  it('answers a non-streaming request with one completion', async () => {
    model = await startScriptedModel();
    const res = await post(model.url, { tools, messages: [{ role: 'user', content: 'hi' }] });
    const json = (await res.json()) as { choices: { message: { content: string }; finish_reason: string }[] };
    expect(json.choices[0]).toMatchObject({
      finish_reason: 'stop',
      message: { content: expect.stringContaining('Probe') },
    });
  });

  it('fails the error scenario with HTTP 500 and an OpenAI-style error body', async () => {
    model = await startScriptedModel();
    const res = await post(model.url, {
      stream: true,
      tools,
      messages: [{ role: 'user', content: '[scenario:error]' }],
    });
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: { code: 'fake_500' } });
  });
});
