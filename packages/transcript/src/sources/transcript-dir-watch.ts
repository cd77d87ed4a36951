// The watch over one agent's `sessions/` folder (chokidar, depth 0), kept bounded by what the
// source still follows.
//
// chokidar keeps a watcher for every file it has reported (~2.3 KB of heap each, measured) until
// the file is deleted, and OpenClaw's store maintenance prunes registry entries without always
// deleting their transcripts: a 1-hour soak grew the daemon's live heap by ~1.8 KB per session it
// had ever followed. `unwatch` is no way out: chokidar adds every unwatched path to its ignore
// list, which it matches on every event. So the watch is renewed — a new chokidar watcher that
// skips the transcripts nobody follows, ready before the old one is closed, so no event falls
// between them — once the transcripts watched for nothing outnumber `staleMax`.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { type FSWatcher, watch } from 'chokidar';

/** How the folder's files are watched: transcripts only while followed, `watch` files always. */
export type WatchClass = 'transcript' | 'watch' | 'ignore';

export interface TranscriptDirWatchOptions {
  dir: string;
  classify(name: string): WatchClass;
  onEvent(event: string, file: string): void;
  onError(err: Error): void;
  /** A renewal finished (for a catch-up read; events are not expected to have been missed). */
  onRenewed?(): void;
  /** Transcripts watched for nothing that trigger a renewal (default 256, ~0.6 MB of watchers). */
  staleMax?: number;
}

export interface TranscriptDirWatch {
  /** Starts watching; transcripts already in the folder are skipped until `follow`ed. */
  start(): Promise<void>;
  /** A transcript the source follows: its events are needed (from now on, also after renewals). */
  follow(file: string): void;
  /** Not followed any more: its watcher goes at the next renewal. */
  unfollow(file: string): void;
  /** Transcripts chokidar is watching now (the regression tests bound it). */
  watchedTranscripts(): number;
  close(): Promise<void>;
}

interface Generation {
  watcher: FSWatcher;
  /** Transcripts in the folder when this watcher started: skipped unless followed. */
  preexisting: Set<string>;
  /** Transcripts this watcher watches (reported by it, or added by `follow`). */
  held: Set<string>;
}

export function createTranscriptDirWatch(options: TranscriptDirWatchOptions): TranscriptDirWatch {
  const { dir, classify } = options;
  const staleMax = options.staleMax ?? 256;
  const followed = new Set<string>();
  let current: Generation | undefined;
  let renewing: Promise<void> | undefined;
  let closed = false;

  async function transcriptsNow(): Promise<Set<string>> {
    try {
      return new Set((await readdir(dir)).filter((n) => classify(n) === 'transcript'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      return new Set();
    }
  }

  async function startGeneration(preexisting: Set<string>): Promise<Generation> {
    const gen: Generation = { watcher: undefined as unknown as FSWatcher, preexisting, held: new Set() };
    for (const name of followed) if (preexisting.has(name)) gen.held.add(name);
    gen.watcher = watch(dir, {
      ignoreInitial: true,
      depth: 0,
      atomic: false,
      ignored: (p: string) => {
        if (p === dir) return false;
        const name = path.basename(p);
        const kind = classify(name);
        if (kind === 'transcript') return gen.preexisting.has(name) && !gen.held.has(name);
        return kind === 'ignore';
      },
    });
    gen.watcher.on('all', (event, file) => {
      const name = path.basename(file);
      if (classify(name) === 'transcript') {
        if (event === 'add') gen.held.add(name);
        else if (event === 'unlink') gen.held.delete(name);
      }
      if (!closed) options.onEvent(event, file);
    });
    gen.watcher.on('error', (err) => options.onError(err as Error));
    await new Promise<void>((resolve) => gen.watcher.once('ready', () => resolve()));
    return gen;
  }

  function watchIn(gen: Generation, name: string) {
    if (gen.held.has(name)) return;
    gen.held.add(name);
    gen.watcher.add(path.join(dir, name));
  }

  async function renew() {
    const next = await startGeneration(await transcriptsNow());
    // Followed while the new watcher was starting: it must watch them too.
    for (const name of followed) watchIn(next, name);
    const old = current;
    current = next;
    await old?.watcher.close();
    if (closed) await next.watcher.close();
    else options.onRenewed?.();
  }

  function maybeRenew() {
    if (renewing || closed || !current || current.held.size - followed.size <= staleMax) return;
    renewing = renew()
      .catch((err: unknown) => options.onError(err as Error))
      .finally(() => {
        renewing = undefined;
        maybeRenew(); // what was unfollowed meanwhile
      });
  }

  return {
    async start() {
      current = await startGeneration(await transcriptsNow());
    },
    follow(file) {
      if (path.dirname(file) !== dir) return;
      const name = path.basename(file);
      followed.add(name);
      if (current) watchIn(current, name);
    },
    unfollow(file) {
      if (path.dirname(file) !== dir) return;
      followed.delete(path.basename(file));
      maybeRenew();
    },
    watchedTranscripts: () => current?.held.size ?? 0,
    async close() {
      closed = true;
      await renewing;
      await current?.watcher.close();
    },
  };
}
