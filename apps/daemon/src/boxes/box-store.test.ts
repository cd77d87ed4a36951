import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Box } from './box.ts';
import { createBoxStore } from './box-store.ts';

const box = { id: 'b1', key: 'k', turn: 2, postId: 'p1', view: { state: 'active' } } as unknown as Box;

describe('box store', () => {
  it('round-trips live boxes and leaves no temp files behind', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'ls-store-')), 'nested');
    const store = createBoxStore(dir);
    expect(store.load()).toEqual({ boxes: [], gone: [] });
    store.save([box]);
    store.save([box, { ...box, id: 'b2' }]);
    expect(
      createBoxStore(dir)
        .load()
        .boxes.map((b) => b.id),
    ).toEqual(['b1', 'b2']);
    expect(readdirSync(dir)).toEqual(['boxes.json']);
  });

  it('keeps the turns whose post is gone, and reads an older file without them', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ls-store-'));
    const gone = { key: 'k', turn: 3, boxId: 'b9', postId: 'p9', at: 1 };
    createBoxStore(dir).save([box], [gone]);
    expect(createBoxStore(dir).load().gone).toEqual([gone]);
    writeFileSync(path.join(dir, 'boxes.json'), JSON.stringify({ format: 1, boxes: [box] }));
    expect(createBoxStore(dir).load()).toMatchObject({ boxes: [{ id: 'b1' }], gone: [] });
  });

  it('moves a corrupt file aside and reports it instead of crashing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ls-store-'));
    writeFileSync(path.join(dir, 'boxes.json'), '{"format":1,"boxes":[{"id"');
    const r = createBoxStore(dir).load();
    expect(r.boxes).toEqual([]);
    expect(r.problem).toMatch(/unreadable/);
    const aside = readdirSync(dir).find((f) => f.includes('corrupt'));
    expect(aside && readFileSync(path.join(dir, aside), 'utf8')).toContain('"id"');
  });
});
