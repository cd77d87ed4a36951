import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../core/test-fixtures.ts';
import { codePointLength } from '../core/text.ts';
import { compileTemplate, createLabeler, LABEL_MAX } from './labeler.ts';

function toolNames(file: string): string[] {
  const tools = JSON.parse(readFixture(file)) as { function?: { name?: string }; name?: string }[];
  return tools.map((t) => t.function?.name ?? t.name ?? '');
}

describe('built-in tool labels', () => {
  const labeler = createLabeler();

  it('has a rule for every tool OpenClaw 2026.7.35 and 2026.9.6 offer the model', () => {
    const names = [...toolNames('tool-schemas-2026.7.35.json'), ...toolNames('tool-schemas-2026.9.6.json')];
    expect(names.length).toBeGreaterThanOrEqual(34 + 12);
    expect(names.filter((n) => !labeler.has(n))).toEqual([]);
    expect(labeler.problems).toEqual([]);
  });

  it('renders the status-line forms of reference/openclaw.md §5', () => {
    const cases: [string, unknown, string][] = [
      ['exec', { command: 'ls -la /home/node/workdir' }, 'exec: ls -la /home/node/workdir'],
      ['exec', { title: 'List files', command: 'ls' }, 'exec: List files'],
      ['read', { path: '/a/b.ts', offset: 40 }, 'read /a/b.ts:40'],
      ['read', { file_path: '/a/b.ts' }, 'read /a/b.ts'],
      [
        'write',
        { path: '/w/out.md', content: '# Report\n\nünïcödé ✓ 日本語 🚀\n' },
        'write /w/out.md (41 bytes)',
      ],
      ['edit', { path: '/w/out.md', edits: [{ oldText: 'a', newText: 'b' }] }, 'edit /w/out.md (1 edits)'],
      ['sessions_spawn', { task: 'do it', label: 'lister' }, 'spawn lister'],
      ['sessions_spawn', { task: 'List the files\nthen report' }, 'spawn List the files then report'],
      ['web_search', { query: 'openclaw sqlite' }, 'search "openclaw sqlite"'],
      ['web_fetch', { url: 'https://example.com/x' }, 'fetch https://example.com/x'],
      ['process', { action: 'list' }, 'process list'],
      ['process', { action: 'poll', sessionId: 'p1' }, 'process poll p1'],
      ['message', { action: 'send', target: 'channel:abc' }, 'message send → channel:abc'],
      ['message', { action: 'broadcast', targets: ['a', 'b', 'c'] }, 'message broadcast → a +2'],
      [
        'apply_patch',
        { input: '*** Begin Patch\n*** Update File: src/a.ts\n@@\n*** Add File: b.md\n*** End Patch' },
        'patch src/a.ts, b.md',
      ],
      ['memory_search', { query: 'deploy' }, 'memory "deploy"'],
      ['ls', {}, 'ls'],
      ['openclaw', { message: 'status please' }, 'openclaw: status please'],
      ['sessions_send', { message: 'hi', label: 'planner' }, 'send → planner'],
      ['cron', { action: 'add' }, 'cron add'],
    ];
    for (const [tool, args, expected] of cases) expect(labeler.label(tool, args), tool).toBe(expected);
  });

  it('shows the inner tool of a 9.x tool_call', () => {
    expect(labeler.label('tool_call', { id: 'sessions_spawn', args: { task: 't', label: 'lister' } })).toBe(
      'spawn lister',
    );
    expect(labeler.label('tool_call', { id: 'web_search', args: { query: 'x' } })).toBe('search "x"');
    expect(labeler.label('tool_call', { id: 'tool_call', args: {} })).toBe('tool_call');
  });

  it('uses the size the parser remembered for a cut write content', () => {
    expect(
      labeler.label('write', { path: '/big', content: 'abc…' }, { argBytes: { content: 250_000 } }),
    ).toBe('write /big (250000 bytes)');
  });

  it('falls back to the tool name (and action) when arguments are missing or unknown', () => {
    expect(labeler.label('exec', {})).toBe('exec');
    expect(labeler.label('exec', { command: { nested: true } })).toBe('exec');
    expect(labeler.label('my_plugin_tool', { action: 'sync' })).toBe('my_plugin_tool sync');
    expect(labeler.label('my_plugin_tool', null)).toBe('my_plugin_tool');
    expect(labeler.label('', undefined)).toBe('tool');
  });

  it('keeps a label on one bounded line, cut by code point', () => {
    const cmd = `echo ${'日本語🚀'.repeat(100)}\nrm -rf /\r\n\u0007`;
    const label = labeler.label('exec', { command: cmd });
    expect(label).not.toMatch(/[\n\r\u0007]/);
    expect(codePointLength(label)).toBeLessThanOrEqual(LABEL_MAX);
    expect(label.endsWith('…')).toBe(true);
    expect(label).not.toMatch(/[\ud800-\udbff]$|[\ud800-\udbff][^\udc00-\udfff]/);
  });

  it('never throws and always gives one bounded line for arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), fc.anything(), (tool, args) => {
        const label = labeler.label(tool, args);
        expect(typeof label).toBe('string');
        expect(label.length).toBeGreaterThan(0);
        expect(label).not.toMatch(/[\n\r]/);
        expect(codePointLength(label)).toBeLessThanOrEqual(LABEL_MAX);
      }),
      { numRuns: 500 },
    );
  });
});

describe('user overrides (TOOL_LABELS_FILE contents)', () => {
  it('replaces and adds rules', () => {
    const labeler = createLabeler({
      exec: '$ {command}',
      deploy: { template: 'deploy {env}[ ({version})]' },
    });
    expect(labeler.problems).toEqual([]);
    expect(labeler.label('exec', { command: 'make' })).toBe('$ make');
    expect(labeler.label('deploy', { env: 'prod', version: '1.2' })).toBe('deploy prod (1.2)');
    expect(labeler.label('read', { path: '/x' })).toBe('read /x');
  });

  it('reports every invalid rule, keeps the valid ones and the built-ins', () => {
    const labeler = createLabeler({
      exec: '{command',
      read: 42,
      write: 'w {path:shout}',
      'bad name!': 'x',
      ok: 'fine {a}',
    });
    expect(labeler.problems).toHaveLength(4);
    expect(labeler.problems.join('\n')).toMatch(/exec.*unclosed/);
    expect(labeler.problems.join('\n')).toMatch(/write.*unknown transform "shout"/);
    expect(labeler.label('exec', { command: 'ls' })).toBe('exec: ls');
    expect(labeler.label('ok', { a: 1 })).toBe('fine 1');
  });

  it('reports a file that is not an object', () => {
    expect(createLabeler([1, 2]).problems).toEqual([
      'tool labels must be a JSON object of {"<tool>": "<template>"}',
    ]);
    expect(createLabeler('exec').problems).toHaveLength(1);
  });

  it('rejects malformed templates with a reason', () => {
    expect(compileTemplate('a ] b')).toBe('unmatched "]"');
    expect(compileTemplate('[a [b]]')).toBe('nested "[" is not supported');
    expect(compileTemplate('{a b}')).toMatch(/bad argument name/);
    expect(typeof compileTemplate('x {a|b:count}[ y]')).toBe('object');
  });
});
