import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../replay/fixtures.ts';
import { createLineFramer } from './line-framer.ts';

const real = readFileSync(
  path.join(
    fixturesDir,
    'v2026.7.35-local-basic/agents/main/sessions/91a91807-da8d-4e09-8cac-722a3462075f-topic-8z1yq3mhsfn5pcd7e4u9wqx2ka.jsonl',
  ),
);

describe('line framer', () => {
  it('gives the same lines and offsets whatever the read sizes, multi-byte characters included', () => {
    const whole = createLineFramer().push(real);
    expect(whole.map((l) => l.text)).toEqual(real.toString('utf8').split('\n').filter(Boolean));
    for (const size of [1, 2, 3, 7, 64, 1000]) {
      const framer = createLineFramer();
      const got = [];
      for (let i = 0; i < real.length; i += size) got.push(...framer.push(real.subarray(i, i + size)));
      expect(got).toEqual(whole);
      expect(framer.pendingBytes()).toBe(0);
      expect(framer.committedOffset()).toBe(real.length);
    }
  });

  it('holds a partial last line until its newline arrives', () => {
    const framer = createLineFramer(100);
    expect(framer.push(Buffer.from('{"a":1}\n{"b":'))).toEqual([{ text: '{"a":1}', start: 100, end: 108 }]);
    expect(framer.pendingBytes()).toBe(5);
    expect(framer.push(Buffer.from('2}\r\n\n'))).toEqual([{ text: '{"b":2}', start: 108, end: 117 }]);
    expect(framer.committedOffset()).toBe(118);
  });
});
