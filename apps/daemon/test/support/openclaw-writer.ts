// Writes a JSONL-era OpenClaw home the way OpenClaw does (header + user + first assistant, then
// appends; sessions.json replaced by rename), with entries in the real shapes of the fixtures.
// For scenarios the recorded fixtures do not hold: many sessions, a turn held open across a
// daemon restart, a turn that ends while the daemon is down.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createSessionsJsonWriter } from '@livestatus/transcript';

export class FakeAgent {
  readonly dir: string;
  readonly registry: Record<string, Record<string, unknown>> = {};
  #seq = 0;
  #last = new Map<string, string>();
  constructor(readonly stateDir: string) {
    this.dir = path.join(stateDir, 'agents/main/sessions');
    mkdirSync(this.dir, { recursive: true });
    this.#registryWriter = createSessionsJsonWriter(
      path.join(this.dir, 'sessions.json'),
      () => this.registry,
    );
  }
  #id() {
    return (++this.#seq).toString(16).padStart(8, '0');
  }
  #line(sid: string, body: Record<string, unknown>) {
    const id = this.#id();
    const line = { ...body, id, parentId: this.#last.get(sid) ?? null, timestamp: new Date().toISOString() };
    this.#last.set(sid, id);
    return `${JSON.stringify(line)}\n`;
  }
  file(sid: string) {
    return path.join(this.dir, `${sid}.jsonl`);
  }
  async startSession(
    n: number,
    extra: Record<string, unknown> = {},
    key = `agent:main:explicit:bench-${n}`,
  ): Promise<string> {
    const sid = `bench${n.toString().padStart(4, '0')}-0000-4000-8000-000000000000`;
    const now = Date.now();
    this.registry[key] = {
      sessionId: sid,
      sessionFile: this.file(sid),
      updatedAt: now,
      startedAt: now,
      sessionStartedAt: now,
      status: 'running',
      chatType: 'direct',
      ...extra,
    };
    writeFileSync(
      this.file(sid),
      `${JSON.stringify({ type: 'session', version: 3, id: sid, timestamp: new Date().toISOString(), cwd: '/w' })}\n` +
        this.#line(sid, {
          type: 'message',
          message: { role: 'user', content: 'benchmark task', timestamp: now },
        }),
    );
    return sid;
  }
  // One write after the other, as OpenClaw's writer queue (concurrent markDone calls could
  // otherwise leave an older version last).
  readonly #registryWriter: { write(): Promise<void> };
  flushRegistry(): Promise<void> {
    return this.#registryWriter.write();
  }
  step(sid: string, i: number) {
    const now = Date.now();
    appendFileSync(
      this.file(sid),
      this.#line(sid, {
        type: 'message',
        message: {
          role: 'assistant',
          content: [
            { type: 'text', text: `Working on step ${i}` },
            { type: 'toolCall', id: `call_${i}`, name: 'exec', arguments: { command: `echo ${i}` } },
          ],
          usage: {
            input: 100,
            output: 10,
            cacheRead: 0,
            cacheWrite: 0,
            totalTokens: 110,
            cost: { total: 0.0001 },
          },
          stopReason: 'toolUse',
          timestamp: now,
        },
      }) +
        this.#line(sid, {
          type: 'message',
          message: {
            role: 'toolResult',
            toolCallId: `call_${i}`,
            toolName: 'exec',
            content: [{ type: 'text', text: `${i}` }],
            details: { exitCode: 0, durationMs: 3 },
            isError: false,
            timestamp: now,
          },
        }),
    );
  }
  /** The run ended: registry says done (OpenClaw rewrites it right after the final entry). */
  async markDone(key: string) {
    const e = this.registry[key];
    if (e) Object.assign(e, { status: 'done', endedAt: Date.now(), updatedAt: Date.now() });
    await this.flushRegistry();
  }
  finish(sid: string) {
    appendFileSync(
      this.file(sid),
      this.#line(sid, {
        type: 'message',
        message: {
          role: 'assistant',
          content: [{ type: 'text', text: 'All done.' }],
          usage: { input: 100, output: 5, cacheRead: 0, cacheWrite: 0, totalTokens: 105 },
          stopReason: 'stop',
          timestamp: Date.now(),
        },
      }),
    );
  }
}
