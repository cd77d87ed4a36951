// Props -> SessionView for the webapp, which must treat every post as possibly forged: anything
// malformed, oversized or unknown is rejected with an error naming where (never echoing content),
// and a valid result is bounded in string length, line count, nesting depth and total size.
import type { SessionView, SubagentView, TurnState, ViewLine } from '@livestatus/transcript';
import { MAX_SUBAGENT_DEPTH } from '../options.ts';
import type { LivestatusPropsV1 } from './format.ts';

export type PropsResult = { ok: true; view: SessionView } | { ok: false; error: string };

export const PROPS_LIMITS = {
  /** characters of any one string */
  string: 2000,
  /** lines at one level */
  lines: 200,
  /** lines in the whole box, sub-agents included */
  totalLines: 1000,
  /** characters of all strings together */
  totalChars: 200_000,
  /** sub-agent nesting */
  depth: MAX_SUBAGENT_DEPTH,
} as const;

const STATES: Record<string, TurnState> = { a: 'active', d: 'done', e: 'error', i: 'interrupted' };
const TOOLS = { p: 'pending', o: 'ok', e: 'error' } as const;
const MAX_NUMBER = 1e15;

class Invalid extends Error {}

class Reader {
  chars = 0;
  lines = 0;

  fail(path: string, what: string): never {
    throw new Invalid(`${path}: ${what}`);
  }
  record(v: unknown, path: string): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(path, 'expected an object');
    return v as Record<string, unknown>;
  }
  str(v: unknown, path: string, max: number = PROPS_LIMITS.string): string {
    if (typeof v !== 'string') this.fail(path, 'expected a string');
    if (v.length > max) this.fail(path, `string longer than ${max}`);
    this.chars += v.length;
    if (this.chars > PROPS_LIMITS.totalChars)
      this.fail(path, `more than ${PROPS_LIMITS.totalChars} characters in all`);
    return v;
  }
  optStr(v: unknown, path: string): string | undefined {
    return v === undefined ? undefined : this.str(v, path);
  }
  num(v: unknown, path: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > MAX_NUMBER)
      this.fail(path, 'expected a finite number >= 0');
    return v;
  }
  optNum(v: unknown, path: string): number | undefined {
    return v === undefined ? undefined : this.num(v, path);
  }
  state(v: unknown, path: string): TurnState {
    const s = typeof v === 'string' && Object.hasOwn(STATES, v) ? STATES[v] : undefined;
    if (!s) this.fail(path, 'unknown state');
    return s;
  }
  lineList(v: unknown, path: string, depth: number, t0: number): ViewLine[] {
    if (!Array.isArray(v)) this.fail(path, 'expected an array of lines');
    if (v.length > PROPS_LIMITS.lines) this.fail(path, `more than ${PROPS_LIMITS.lines} lines`);
    this.lines += v.length;
    if (this.lines > PROPS_LIMITS.totalLines)
      this.fail(path, `more than ${PROPS_LIMITS.totalLines} lines in all`);
    return v.map((item, i) => this.line(item, `${path}[${i}]`, depth, t0));
  }
  line(v: unknown, path: string, depth: number, t0: number): ViewLine {
    if (!Array.isArray(v)) this.fail(path, 'expected a line tuple');
    const id = path;
    switch (v[0]) {
      case 't':
        if (v.length !== 2) this.fail(path, 'text line has 2 fields');
        return { kind: 'text', id, text: this.str(v[1], `${path}[1]`), at: t0 };
      case 'n': {
        if (v.length !== 3) this.fail(path, 'note line has 3 fields');
        if (v[1] !== 'c' && v[1] !== 'e') this.fail(`${path}[1]`, 'unknown note');
        return {
          kind: 'note',
          id,
          note: v[1] === 'c' ? 'compacted' : 'error',
          text: this.str(v[2], `${path}[2]`),
          at: t0,
        };
      }
      case 'x': {
        if (v.length !== 5 && v.length !== 6) this.fail(path, 'tool line has 5 or 6 fields');
        const code: unknown = v[3];
        if (code !== 'p' && code !== 'o' && code !== 'e') this.fail(`${path}[3]`, 'unknown tool status');
        const line: ViewLine = {
          kind: 'tool',
          id,
          tool: this.str(v[1], `${path}[1]`),
          label: this.str(v[2], `${path}[2]`),
          status: TOOLS[code],
          at: t0,
        };
        const detail = this.str(v[4], `${path}[4]`);
        if (detail) line.detail = detail;
        if (v.length === 6) line.subagent = this.subagent(v[5], `${path}[5]`, depth + 1);
        return line;
      }
      default:
        this.fail(`${path}[0]`, 'unknown line kind');
    }
  }
  subagent(v: unknown, path: string, depth: number): SubagentView {
    if (depth > PROPS_LIMITS.depth) this.fail(path, `sub-agents nested deeper than ${PROPS_LIMITS.depth}`);
    const r = this.record(v, path);
    const t0 = this.num(r.t0, `${path}.t0`);
    const sub: SubagentView & { droppedLines?: number } = {
      key: this.str(r.k, `${path}.k`),
      label: this.str(r.l, `${path}.l`),
      state: this.state(r.s, `${path}.s`),
      startedAt: t0,
      tokens: this.num(r.tk, `${path}.tk`),
      lines: this.lineList(r.L, `${path}.L`, depth, t0),
    };
    const t1 = this.optNum(r.t1, `${path}.t1`);
    if (t1 !== undefined) sub.endedAt = t1;
    const c = this.optNum(r.c, `${path}.c`);
    if (c !== undefined) sub.cost = c;
    const d = this.optNum(r.d, `${path}.d`);
    if (d) sub.droppedLines = Math.floor(d);
    return sub;
  }
}

/** Checks untrusted `post.props.livestatus` and returns the view it describes. */
export function validateProps(input: unknown): PropsResult {
  const r: Reader = new Reader();
  try {
    const p = r.record(input, 'livestatus');
    if (p.v !== 1) r.fail('livestatus.v', 'unsupported version (expected 1)');
    const t0 = r.num(p.t0, 'livestatus.t0');
    const view: SessionView = {
      key: r.str(p.k, 'livestatus.k'),
      sessionId: r.str(p.id, 'livestatus.id'),
      agent: r.str(p.a, 'livestatus.a'),
      label: r.str(p.l, 'livestatus.l'),
      state: r.state(p.s, 'livestatus.s'),
      turn: r.num(p.n, 'livestatus.n'),
      startedAt: t0,
      lastActivityAt: r.num(p.la, 'livestatus.la'),
      tokens: r.num(p.tk, 'livestatus.tk'),
      compactions: r.num(p.cp, 'livestatus.cp'),
      lines: r.lineList(p.L, 'livestatus.L', 0, t0),
    };
    const t1 = r.optNum(p.t1, 'livestatus.t1');
    if (t1 !== undefined) view.endedAt = t1;
    const c = r.optNum(p.c, 'livestatus.c');
    if (c !== undefined) view.cost = c;
    const m = r.optStr(p.m, 'livestatus.m');
    if (m !== undefined) view.model = m;
    const e = r.optStr(p.e, 'livestatus.e');
    if (e !== undefined) view.error = e;
    const d = r.optNum(p.d, 'livestatus.d');
    if (d) view.droppedLines = Math.floor(d);
    if (p.q !== undefined) {
      const q: unknown = p.q;
      if (!Array.isArray(q) || q.length !== 3) r.fail('livestatus.q', 'expected [since, for, doing]');
      const doing = r.str(q[2], 'livestatus.q[2]');
      view.quiet = { sinceMs: r.num(q[0], 'livestatus.q[0]'), forMs: r.num(q[1], 'livestatus.q[1]') };
      if (doing) view.quiet.doing = doing;
    }
    return { ok: true, view };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, error: `invalid livestatus props: ${error.message}` };
    // A getter or proxy in forged input: report, never crash the post.
    return { ok: false, error: 'invalid livestatus props: unreadable value' };
  }
}

/** Props written by `toProps` back to a view; throws if they are not valid v1 props. */
export function fromProps(props: LivestatusPropsV1): SessionView {
  const result = validateProps(props);
  if (!result.ok) throw new Error(result.error);
  return result.view;
}
