import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from './fixtures.ts';
import { retimeLine, retimeTranscriptText } from './retime.ts';

const basic = path.join(
  fixturesDir,
  'v2026.7.35-local-basic/agents/main/sessions/91a91807-da8d-4e09-8cac-722a3462075f-topic-8z1yq3mhsfn5pcd7e4u9wqx2ka.jsonl',
);

describe('retime', () => {
  it('shifts entry and message clocks of a real transcript by the offset and nothing else', () => {
    const text = readFileSync(basic, 'utf8');
    const offset = 3_600_000;
    const shifted = retimeTranscriptText(text, offset);
    const before = text.trimEnd().split('\n');
    const after = shifted.trimEnd().split('\n');
    expect(after).toHaveLength(before.length);
    expect(shifted.endsWith('\n')).toBe(text.endsWith('\n'));
    for (let i = 0; i < before.length; i++) {
      const a = JSON.parse(before[i] as string);
      const b = JSON.parse(after[i] as string);
      expect(Date.parse(b.timestamp) - Date.parse(a.timestamp)).toBe(offset);
      if (typeof a.message?.timestamp === 'number')
        expect(b.message.timestamp - a.message.timestamp).toBe(offset);
      // Everything but the clocks is untouched (same content, same key order).
      b.timestamp = a.timestamp;
      if (b.message) b.message.timestamp = a.message.timestamp;
      expect(JSON.stringify(b)).toBe(before[i]);
    }
  });

  it('keeps junk and partial lines byte-exact', () => {
    expect(retimeLine('{"type":"message","id":"a"', 5)).toBe('{"type":"message","id":"a"');
    expect(retimeTranscriptText('not json\n[1,2]\n', 5)).toBe('not json\n[1,2]\n');
  });

  it('is the identity for a zero offset', () => {
    const text = readFileSync(basic, 'utf8');
    expect(retimeTranscriptText(text, 0)).toBe(text);
  });
});
