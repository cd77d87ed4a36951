// An OpenAI-compatible chat.completions server on 127.0.0.1 that plays the scripts of
// scenarios.ts, streamed as SSE the way OpenAI does (role chunk, reasoning/content deltas,
// tool-call argument fragments, finish chunk, then a usage-only chunk and [DONE]).

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Analysis, analyse, type ChatRequest, plan, type ScriptedReply } from './scenarios.ts';

export interface ModelRequest {
  at: number;
  method: string;
  path: string;
  body: ChatRequest | null;
  analysis?: Analysis;
  reply?: ScriptedReply;
}

export interface ScriptedModel {
  /** Base URL for OpenClaw's provider config, e.g. `http://127.0.0.1:43121/v1`. */
  url: string;
  port: number;
  /** The folder the scripted tool calls list/read/write (holds hello.txt and notes.md). */
  workDir: string;
  /** Every request received, in order. */
  requests: ModelRequest[];
  close(): Promise<void>;
}

export interface ScriptedModelOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default: a fresh temp folder with hello.txt and notes.md, removed on close. */
  workDir?: string;
}

type Reply = Extract<ScriptedReply, { kind: 'reply' }>;

function streamReply(res: ServerResponse, id: string, model: string, reply: Reply): void {
  const created = Math.floor(Date.now() / 1000);
  const toolCalls = (reply.toolCalls ?? []).map((call, index) => ({
    index,
    id: `call_${id}_${index}`,
    name: call.name,
    arguments: JSON.stringify(call.args),
  }));
  const write = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
  const chunk = (delta: unknown, finish: string | null = null) =>
    write({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  chunk({ role: 'assistant', content: '' });
  for (const part of reply.thinking?.match(/.{1,20}/gsu) ?? []) chunk({ reasoning_content: part });
  for (const part of reply.text?.match(/.{1,12}/gsu) ?? []) chunk({ content: part });
  for (const call of toolCalls) {
    chunk({
      tool_calls: [
        { index: call.index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } },
      ],
    });
    for (let i = 0; i < call.arguments.length; i += 16)
      chunk({
        tool_calls: [{ index: call.index, function: { arguments: call.arguments.slice(i, i + 16) } }],
      });
  }
  chunk({}, toolCalls.length > 0 ? 'tool_calls' : 'stop');
  write({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: reply.usage });
  res.end('data: [DONE]\n\n');
}

function jsonReply(res: ServerResponse, id: string, model: string, reply: Reply): void {
  const toolCalls = (reply.toolCalls ?? []).map((call, index) => ({
    id: `call_${id}_${index}`,
    type: 'function',
    function: { name: call.name, arguments: JSON.stringify(call.args) },
  }));
  const message = {
    role: 'assistant',
    content: reply.text ?? null,
    reasoning_content: reply.thinking,
    tool_calls: toolCalls.length > 0 ? toolCalls : undefined,
  };
  const finish = toolCalls.length > 0 ? 'tool_calls' : 'stop';
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message, finish_reason: finish }],
      usage: reply.usage,
    }),
  );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): ChatRequest | null {
  try {
    return text ? (JSON.parse(text) as ChatRequest) : null;
  } catch {
    return null;
  }
}

async function sampleWorkDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'livestatus-oc-work-'));
  await writeFile(join(dir, 'hello.txt'), 'hello world\n');
  await writeFile(join(dir, 'notes.md'), '# notes\n- a\n');
  return dir;
}

/** Starts the scripted model on 127.0.0.1 (never another interface). */
export async function startScriptedModel(options: ScriptedModelOptions = {}): Promise<ScriptedModel> {
  const ownWorkDir = options.workDir === undefined;
  const workDir = options.workDir ?? (await sampleWorkDir());
  const requests: ModelRequest[] = [];
  let seq = 0;
  const server = createServer(async (req, res) => {
    const body = parseJson(await readBody(req));
    const path = req.url ?? '/';
    const entry: ModelRequest = { at: Date.now(), method: req.method ?? 'GET', path, body };
    requests.push(entry);
    if (path.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ object: 'list', data: [{ id: 'fake-model', object: 'model', owned_by: 'fake' }] }),
      );
      return;
    }
    if (req.method !== 'POST' || !/\/chat\/completions$/.test(path) || !body) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    entry.analysis = analyse(body.messages ?? []);
    const reply = plan(body, workDir);
    entry.reply = reply;
    if (reply.kind === 'httpError') {
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { message: 'fake upstream failure (scripted)', type: 'server_error', code: 'fake_500' },
        }),
      );
      return;
    }
    const id = `chatcmpl-fake-${++seq}`;
    const model = body.model ?? 'fake-model';
    if (body.stream) streamReply(res, id, model, reply);
    else jsonReply(res, id, model, reply);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    workDir,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownWorkDir) await rm(workDir, { recursive: true, force: true });
    },
  };
}
