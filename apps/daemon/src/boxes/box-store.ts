// Crash safety: the post id and last state of every live box, written atomically (temp file +
// rename, so a kill -9 leaves either the old or the new file) under STATE_DIR. A restart reads
// it to resume the same posts instead of creating duplicates.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Box, GoneTurn } from './box.ts';

const FORMAT = 1;

export interface BoxStore {
  readonly file: string;
  /** Boxes saved by a previous run; a corrupt file is moved aside and reported, never fatal. */
  load(): { boxes: Box[]; gone: GoneTurn[]; problem?: string };
  /** Live boxes, plus the turns whose post is gone (so a restart never re-creates them). */
  save(boxes: Iterable<Box>, gone?: Iterable<GoneTurn>): void;
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
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { boxes: [], gone: [] };
        return { boxes: [], gone: [], problem: `cannot read ${file}: ${(err as Error).message}` };
      }
      try {
        const data = JSON.parse(text) as { format?: number; boxes?: unknown; gone?: unknown };
        if (data.format !== FORMAT || !Array.isArray(data.boxes)) throw new Error('unknown format');
        const boxes = data.boxes.filter(
          (b): b is Box =>
            !!b && typeof b === 'object' && typeof (b as Box).id === 'string' && !!(b as Box).view,
        );
        // `gone` came later within format 1: a file without it simply has none.
        const gone = (Array.isArray(data.gone) ? data.gone : []).filter(
          (g): g is GoneTurn =>
            !!g &&
            typeof g === 'object' &&
            typeof (g as GoneTurn).key === 'string' &&
            typeof (g as GoneTurn).turn === 'number',
        );
        return { boxes, gone };
      } catch (err) {
        const aside = `${file}.corrupt-${Date.now()}`;
        try {
          renameSync(file, aside);
        } catch {}
        return {
          boxes: [],
          gone: [],
          problem: `ignored unreadable ${file} (moved to ${aside}): ${(err as Error).message}`,
        };
      }
    },
    save(boxes, gone = []) {
      mkdirSync(stateDir, { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.${seq++}.tmp`;
      writeFileSync(
        tmp,
        JSON.stringify({ format: FORMAT, savedAt: Date.now(), boxes: [...boxes], gone: [...gone] }),
        {
          mode: 0o600,
        },
      );
      renameSync(tmp, file);
    },
  };
}
