// Status-line labels for tool calls ("exec: ls /agents", "read /a/b.ts:40", "spawn planner").
// Rules are small templates kept in JSON so users can override them (TOOL_LABELS_FILE) without
// code: `{a|b}` is the first present argument, `{x:bytes}`/`{x:count}`/`{x:patchFiles}`/`{x:first}`
// transform it, and `[…]` is an optional part dropped when one of its arguments is missing.
// Arguments are agent-written: every label is one line and bounded.
import { oneLine, utf8Bytes } from '../core/text.ts';
import builtIn from './tool-labels.json' with { type: 'json' };

/** Longest label in code points (one status line). */
export const LABEL_MAX = 120;
/** Longest single argument inside a label, so one long path does not hide the rest. */
const VALUE_MAX = 100;
const TEMPLATE_MAX = 500;

export interface LabelHints {
  /** UTF-8 sizes of arguments the parser cut (toolCall.argBytes). */
  argBytes?: Record<string, number>;
}

export interface Labeler {
  /** One-line label for a tool call; never throws, whatever the arguments. */
  label(tool: string, args: unknown, hints?: LabelHints): string;
  /** Whether a rule (built-in or override) exists for the tool. */
  has(tool: string): boolean;
  /** Problems found in the overrides (invalid rules are ignored, valid ones applied). */
  problems: string[];
}

type Transform = 'bytes' | 'count' | 'patchFiles' | 'first';
const TRANSFORMS = new Set<string>(['bytes', 'count', 'patchFiles', 'first']);

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'arg'; names: string[]; transform?: Transform }
  | { kind: 'optional'; parts: Part[] };

type Compiled = Part[];

/** Compile a template; returns an error message for a malformed one. */
export function compileTemplate(template: string): Compiled | string {
  if (template.length > TEMPLATE_MAX) return `template longer than ${TEMPLATE_MAX} characters`;
  const top: Part[] = [];
  let current = top;
  let optional: Part[] | undefined;
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch === '{') {
      const end = template.indexOf('}', i);
      if (end < 0) return 'unclosed "{"';
      const body = template.slice(i + 1, end);
      const [namesPart = '', transform, extra] = body.split(':');
      if (extra !== undefined) return `bad placeholder {${body}}`;
      const names = namesPart.split('|').map((n) => n.trim());
      if (names.some((n) => !/^[A-Za-z_][\w.-]*$/.test(n))) return `bad argument name in {${body}}`;
      if (transform !== undefined && !TRANSFORMS.has(transform))
        return `unknown transform "${transform}" in {${body}}`;
      current.push({ kind: 'arg', names, ...(transform ? { transform: transform as Transform } : {}) });
      i = end + 1;
    } else if (ch === '[') {
      if (optional) return 'nested "[" is not supported';
      optional = [];
      current = optional;
      i++;
    } else if (ch === ']') {
      if (!optional) return 'unmatched "]"';
      top.push({ kind: 'optional', parts: optional });
      optional = undefined;
      current = top;
      i++;
    } else if (ch === '}') {
      return 'unmatched "}"';
    } else {
      let end = i;
      while (end < template.length && !'{}[]'.includes(template[end]!)) end++;
      current.push({ kind: 'text', text: template.slice(i, end) });
      i = end;
    }
  }
  if (optional) return 'unclosed "["';
  return top;
}

export function createLabeler(overrides?: unknown): Labeler {
  const rules = new Map<string, Compiled>();
  for (const [tool, template] of Object.entries(builtIn as Record<string, string>)) {
    const compiled = compileTemplate(template);
    if (typeof compiled === 'string') throw new Error(`built-in label for ${tool}: ${compiled}`);
    rules.set(tool, compiled);
  }
  const problems = applyOverrides(rules, overrides);

  function label(tool: string, args: unknown, hints?: LabelHints): string {
    const name = oneLine(typeof tool === 'string' ? tool : '', 60) || 'tool';
    const a = isRecord(args) ? args : {};
    // 9.x wraps most tools: tool_call {id:<tool>, args} is shown as the inner tool.
    if (name === 'tool_call' && typeof a.id === 'string' && a.id !== 'tool_call') {
      return label(a.id, a.args, undefined);
    }
    const rule = rules.get(name);
    const rendered = rule ? render(rule, a, hints) : undefined;
    return oneLine(rendered ?? fallback(name, a), LABEL_MAX) || name;
  }

  return { label, has: (tool) => rules.has(tool), problems };
}

function applyOverrides(rules: Map<string, Compiled>, overrides: unknown): string[] {
  if (overrides === undefined || overrides === null) return [];
  if (!isRecord(overrides)) return ['tool labels must be a JSON object of {"<tool>": "<template>"}'];
  const problems: string[] = [];
  for (const [tool, value] of Object.entries(overrides)) {
    const name = JSON.stringify(tool.slice(0, 60));
    if (!/^[\w.:-]{1,100}$/.test(tool)) {
      problems.push(`tool name ${name} is not a valid tool name`);
      continue;
    }
    const template = typeof value === 'string' ? value : isRecord(value) ? value.template : undefined;
    if (typeof template !== 'string') {
      problems.push(`label for ${name} must be a template string or {"template": "..."}`);
      continue;
    }
    const compiled = compileTemplate(template);
    if (typeof compiled === 'string') problems.push(`label for ${name}: ${compiled}`);
    else rules.set(tool, compiled);
  }
  return problems;
}

/** Renders a rule, or undefined when a required argument is missing. */
function render(
  parts: Compiled,
  args: Record<string, unknown>,
  hints: LabelHints | undefined,
): string | undefined {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') out += part.text;
    else if (part.kind === 'arg') {
      const v = value(part, args, hints);
      if (v === undefined) return undefined;
      out += v;
    } else {
      out += render(part.parts, args, hints) ?? '';
    }
  }
  return out;
}

function value(part: Extract<Part, { kind: 'arg' }>, args: Record<string, unknown>, hints?: LabelHints) {
  for (const name of part.names) {
    const raw = args[name];
    if (raw === undefined || raw === null || raw === '') continue;
    const v = transform(part.transform, name, raw, hints);
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}

function transform(
  t: Transform | undefined,
  name: string,
  raw: unknown,
  hints?: LabelHints,
): string | undefined {
  switch (t) {
    case 'bytes': {
      const known = hints?.argBytes?.[name];
      if (typeof known === 'number') return String(known);
      return typeof raw === 'string' ? String(utf8Bytes(raw)) : undefined;
    }
    case 'count':
      return Array.isArray(raw) ? String(raw.length) : undefined;
    case 'patchFiles':
      return typeof raw === 'string' ? patchFiles(raw) : undefined;
    case 'first':
      if (Array.isArray(raw)) {
        const first = scalar(raw[0]);
        return first === undefined ? undefined : raw.length > 1 ? `${first} +${raw.length - 1}` : first;
      }
      return scalar(raw);
    default:
      return scalar(raw);
  }
}

function scalar(raw: unknown): string | undefined {
  if (typeof raw === 'string') return oneLine(raw, VALUE_MAX) || undefined;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw === 'boolean') return String(raw);
  return undefined;
}

/** Files named by `*** Add|Update|Delete File:` lines of an apply_patch input. */
function patchFiles(input: string): string | undefined {
  const files: string[] = [];
  for (const m of input.matchAll(/^\*\*\* (?:Add|Update|Delete) File: *(.+)$/gm)) {
    const f = m[1]?.trim();
    if (f && !files.includes(f)) files.push(f);
  }
  if (files.length === 0) return undefined;
  const shown = files.slice(0, 3).map((f) => oneLine(f, VALUE_MAX / 2));
  return files.length > 3 ? `${shown.join(', ')} +${files.length - 3}` : shown.join(', ');
}

/** Unknown tools: the name, with its action where it has one. */
function fallback(name: string, args: Record<string, unknown>): string {
  const action = typeof args.action === 'string' ? oneLine(args.action, 40) : '';
  return action ? `${name} ${action}` : name;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
