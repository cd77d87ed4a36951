// The scripted model's brain: given one chat.completions request, which reply comes next.
// A conversation picks its script with a tag in the user text (`[scenario:basic]`); the step
// is the number of assistant turns since the last real user message. OpenClaw >= 2026.8 adds a
// synthetic user message after each tool result, which must not count as a new user turn or
// the script restarts forever.

export interface ChatMessage {
  role: string;
  content?: unknown;
}

export interface ChatRequest {
  model?: string;
  stream?: boolean;
  messages?: ChatMessage[];
  tools?: unknown[];
}

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
}

export interface ScriptedToolCall {
  name: string;
  args: Record<string, unknown>;
}

export type ScriptedReply =
  | { kind: 'reply'; thinking?: string; text?: string; toolCalls?: ScriptedToolCall[]; usage: ChatUsage }
  | { kind: 'httpError'; status: number };

export type ScenarioName = 'basic' | 'subagent' | 'subagent9' | 'slow' | 'error' | 'probe';

export interface Analysis {
  scenario: string;
  step: number;
  isChild: boolean;
  lastUser: string;
}

const INTERNAL_CONTEXT = /^\s*(<<<BEGIN_OPENCLAW_INTERNAL_CONTEXT>>>|OpenClaw runtime context)/;
const CHILD_TAG = /\[child-task\]/;

export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => {
      if (typeof part === 'string') return part;
      const text = (part as { text?: unknown } | null)?.text;
      return typeof text === 'string' ? text : '';
    })
    .join('\n');
}

export function analyse(messages: readonly ChatMessage[]): Analysis {
  const users = messages
    .map((message, index) => ({ message, index, text: textOf(message.content) }))
    .filter((u) => u.message.role === 'user' && !INTERNAL_CONTEXT.test(u.text));
  const first = users[0];
  const last = users[users.length - 1];
  const lastIndex = last?.index ?? -1;
  const step = messages.slice(lastIndex + 1).filter((m) => m.role === 'assistant').length;
  const all = messages.map((m) => textOf(m.content)).join('\n');
  const scenario = /\[scenario:([a-z0-9_-]+)\]/.exec(all)?.[1] ?? 'probe';
  const isChild = CHILD_TAG.test(first?.text ?? '') || CHILD_TAG.test(last?.text ?? '');
  return { scenario, step, isChild, lastUser: last?.text ?? '' };
}

const usage = (prompt: number, completion: number, cached = 0): ChatUsage => ({
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: prompt + completion,
  prompt_tokens_details: { cached_tokens: cached },
});

const CHILD_TASK = '[child-task] List the files in the work dir and report back.';

function subagent(step: number, nested: boolean): ScriptedReply {
  if (step === 0) {
    const args = { task: CHILD_TASK, label: 'lister' };
    return {
      kind: 'reply',
      thinking: 'I will delegate the listing to a sub-agent.',
      text: 'Spawning a helper.',
      toolCalls: [
        nested
          ? { name: 'tool_call', args: { id: 'sessions_spawn', args } }
          : { name: 'sessions_spawn', args },
      ],
      usage: usage(1300, 70),
    };
  }
  if (step === 1)
    return {
      kind: 'reply',
      text: 'I started a sub-agent; it will report back when finished.',
      usage: usage(1500, 20, 1200),
    };
  return { kind: 'reply', text: 'Okay.', usage: usage(1600, 5, 1400) };
}

function basic(step: number, workDir: string): ScriptedReply {
  switch (step) {
    case 0:
      return {
        kind: 'reply',
        thinking: "The user wants a directory listing and the content of hello.txt. I'll run ls first.",
        text: 'Let me look at the work directory.',
        toolCalls: [{ name: 'exec', args: { command: `ls -la ${workDir}` } }],
        usage: usage(1200, 60),
      };
    case 1:
      // Two calls in one message: OpenClaw runs them in parallel; the second one fails.
      return {
        kind: 'reply',
        toolCalls: [
          { name: 'read', args: { path: `${workDir}/hello.txt` } },
          { name: 'exec', args: { command: 'cat /nonexistent/file.txt' } },
        ],
        usage: usage(1500, 80, 1100),
      };
    case 2:
      return {
        kind: 'reply',
        toolCalls: [
          {
            name: 'write',
            args: { path: `${workDir}/out.md`, content: '# Report\n\nünïcödé ✓ 日本語 🚀\n' },
          },
        ],
        usage: usage(1700, 50, 1400),
      };
    default:
      return {
        kind: 'reply',
        text: 'Done. hello.txt says **hello world**; the second command failed (no such file). Wrote out.md. 🚀',
        usage: usage(2000, 45, 1700),
      };
  }
}

function slow(step: number): ScriptedReply {
  if (step === 0)
    return {
      kind: 'reply',
      thinking: 'Need to wait for the build.',
      text: 'Running a slow build step.',
      toolCalls: [{ name: 'exec', args: { command: 'sleep 6 && echo built' } }],
      usage: usage(1000, 20),
    };
  return { kind: 'reply', text: 'Build finished: built', usage: usage(1200, 5, 1000) };
}

/** The next reply for `request`; tool calls that touch files point into `workDir`. */
export function plan(request: ChatRequest, workDir: string): ScriptedReply {
  const { scenario, step, isChild, lastUser } = analyse(request.messages ?? []);
  // Tool-less requests are housekeeping (compaction summaries, titles).
  if (!request.tools || request.tools.length === 0) {
    return {
      kind: 'reply',
      text: '## Summary\nThe user asked for listings; the agent ran ls, read hello.txt and wrote out.md. 要約 ✓',
      usage: usage(3000, 60),
    };
  }
  if (isChild) {
    if (step === 0)
      return {
        kind: 'reply',
        thinking: 'Child: I should inspect the work dir.',
        text: 'Child checking files.',
        toolCalls: [{ name: 'exec', args: { command: `ls ${workDir}` } }],
        usage: usage(900, 40),
      };
    return {
      kind: 'reply',
      text: 'Child result: the work dir contains hello.txt and notes.md. 子任务完成 ✅',
      usage: usage(1000, 25, 800),
    };
  }
  // The announce turn: the gateway delivers the child's completion back into the parent session.
  const announce =
    scenario.startsWith('subagent') &&
    step === 0 &&
    !/\[scenario:subagent/.test(lastUser) &&
    /subagent|sub-agent|Background task|completed|finished/i.test(lastUser);
  if (announce)
    return {
      kind: 'reply',
      text: 'The sub-agent reported: hello.txt and notes.md are in the work dir.',
      usage: usage(2100, 30, 1800),
    };
  switch (scenario) {
    case 'basic':
      return basic(step, workDir);
    case 'subagent':
      return subagent(step, false);
    case 'subagent9':
      return subagent(step, true);
    case 'slow':
      return slow(step);
    case 'error':
      return { kind: 'httpError', status: 500 };
    default:
      return { kind: 'reply', text: 'Probe reply: hello from the scripted model.', usage: usage(500, 12) };
  }
}
