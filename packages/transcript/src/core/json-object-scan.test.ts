// The member scanner on its own: it must split exactly where JSON.parse would, whatever the
// strings hold, and refuse anything that is not one well-formed object at the top level.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintInto, newFingerprint, sameFingerprint } from './byte-fingerprint.ts';
import { scanObject } from './json-object-scan.ts';
import { trickyString, withoutEscapes } from './tricky-json.test-support.ts';

/** [key, value] pairs as the scanner cuts them, or undefined when it refuses. */
function members(text: string): [unknown, unknown][] | undefined {
  const bytes = Buffer.from(text);
  const out: [unknown, unknown][] = [];
  let key: unknown;
  const ok = scanObject(bytes, {
    key(keyStart, keyEnd) {
      key = JSON.parse(bytes.toString('utf8', keyStart, keyEnd));
      return 'scan';
    },
    value(valueStart, valueEnd) {
      out.push([key, JSON.parse(bytes.toString('utf8', valueStart, valueEnd))]);
      return true;
    },
  });
  return ok ? out : undefined;
}

// Keys without escapes only: JSON.parse is the reference here (see withoutEscapes).
const plainKey = fc.oneof(fc.string(), trickyString(6)).filter(withoutEscapes);
const jsonLeaf = fc.oneof(
  fc.string({ unit: 'binary' }),
  trickyString(6),
  fc.integer(),
  fc.double(),
  fc.boolean(),
);
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    jsonLeaf,
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(plainKey, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const indent = fc.constantFrom<string | number | undefined>(undefined, 2, '\t', 4);

describe('scanObject', () => {
  it('cuts every member where JSON.parse does, pretty or compact', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(plainKey, jsonValue), {
          selector: ([k]) => k,
          maxLength: 6,
        }),
        indent,
        (pairs, space) => {
          // Integer-like keys would be reordered by the object itself; the scanner keeps file order.
          const text = `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v, null, space)}`).join(',')}}`;
          const viaParse = Object.entries(JSON.parse(text) as object);
          const got = members(text);
          expect(got && new Map(got)).toEqual(new Map(viaParse));
          expect(got?.map(([k]) => k)).toEqual(pairs.map(([k]) => k));
        },
      ),
      { numRuns: 300, includeErrorInReport: true },
    );
  });

  it('keeps file order, whitespace anywhere JSON allows it', () => {
    expect(members(' \r\n\t{ "b" :1 ,\n"a":\t{"x": "}"} , "c" : [ "]" ] }\n ')).toEqual([
      ['b', 1],
      ['a', { x: '}' }],
      ['c', [']']],
    ]);
    expect(members('{}')).toEqual([]);
    expect(members(' { \n } ')).toEqual([]);
  });

  it('cuts members with escaped keys (expected values written out: JSON.parse keys may not be trusted, nodejs/node#63785)', () => {
    expect(members('{"\\\\":1,"a\\"}":[2],"\\ud800":{"}":3},"\\n\\u0041":"x"}')).toEqual([
      ['\\', 1],
      ['a"}', [2]],
      ['\ud800', { '}': 3 }],
      ['\nA', 'x'],
    ]);
  });

  it('refuses what is not one well-formed object', () => {
    for (const bad of [
      '',
      ' ',
      '[]',
      '"x"',
      'null',
      '\ufeff{}',
      '{} x',
      '{}{}',
      '{"a":1,}',
      '{"a" 1}',
      '{"a":}',
      '{a:1}',
      '{"a":1 "b":2}',
      '{"a":1',
      '{"a":{"b":1}',
      '{"a":"}',
      '{"a\\":1}',
      '{,"a":1}',
    ])
      expect(members(bad), JSON.stringify(bad)).toBeUndefined();
  });

  it('takes a known end only where a member ends', () => {
    const bytes = Buffer.from('{"a": 12, "b": 3}');
    const ends: number[] = [];
    scanObject(bytes, {
      // A wrong end (inside "12") is checked against what follows and the value is scanned instead.
      key: (_s, _e, valueStart) => valueStart + 1,
      value: (_s, end) => ends.push(end) > 0,
    });
    expect(ends).toEqual([8, 16]);
    expect(scanObject(bytes, { key: () => 'stop', value: () => true })).toBe(false);
    expect(scanObject(bytes, { key: () => 'scan', value: () => false })).toBe(false);
  });
});

describe('fingerprintInto', () => {
  const fp = (bytes: Buffer, start = 0, end = bytes.length) => {
    const out = newFingerprint();
    fingerprintInto(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), start, end, out);
    return out;
  };

  it('is the same for the same bytes wherever they sit, and changes with any one byte', () => {
    const text = Buffer.from(JSON.stringify({ status: 'running', updatedAt: 1795514441968, label: 'é🧪' }));
    const base = fp(text);
    for (const pad of [1, 2, 3, 5, 17]) {
      const shifted = Buffer.concat([Buffer.alloc(pad, 0x20), text, Buffer.from(',')]);
      expect(sameFingerprint(fp(shifted, pad, pad + text.length), base)).toBe(true);
    }
    for (let i = 0; i < text.length; i++) {
      for (const delta of [1, 0x80, 0xff]) {
        const changed = Buffer.from(text);
        changed[i] = ((changed[i] as number) + delta) & 0xff;
        expect(sameFingerprint(fp(changed), base), `byte ${i} +${delta}`).toBe(false);
      }
    }
    expect(sameFingerprint(fp(Buffer.concat([text, Buffer.from(' ')])), base)).toBe(false);
  });
});
