// Crash safety: the post id and last state of every live box, written atomically (temp file +
// rename, so a kill -9 leaves either the old or the new file) under STATE_DIR. A restart reads
// it to resume the same posts instead of creating duplicates.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Box } from './box.ts';

const FORMAT = 1;

export interface BoxStore {
  readonly file: string;
  /** Boxes saved by a previous run; a corrupt file is moved aside and reported, never fatal. */
  load(): { boxes: Box[]; problem?: string };
  save(boxes: Iterable<Box>): void;
}

export function createBoxStore(stateDir: string): BoxStore {
  const file = path.join(stateDir, 'boxes.json');
  let seq = 0;
  return {
    file,
    load() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { boxes: [] };
        return { boxes: [], problem: `cannot read ${file}: ${(err as Error).message}` };
      }
      try {
        const data = JSON.parse(text) as { format?: number; boxes?: unknown };
        if (data.format !== FORMAT || !Array.isArray(data.boxes)) throw new Error('unknown format');
        const boxes = data.boxes.filter(
          (b): b is Box =>
            !!b && typeof b === 'object' && typeof (b as Box).id === 'string' && !!(b as Box).view,
        );
        return { boxes };
      } catch (err) {
        const aside = `${file}.corrupt-${Date.now()}`;
        try {
          renameSync(file, aside);
        } catch {}
        return {
          boxes: [],
          problem: `ignored unreadable ${file} (moved to ${aside}): ${(err as Error).message}`,
        };
      }
    },
    save(boxes) {
      mkdirSync(stateDir, { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.${seq++}.tmp`;
      writeFileSync(tmp, JSON.stringify({ format: FORMAT, savedAt: Date.now(), boxes: [...boxes] }), {
        mode: 0o600,
      });
      renameSync(tmp, file);
    },
  };
}
