// The watch over one agent's `sessions/` folder: one `fs.watch` of the folder itself, whose events
// name the file (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows), passed on
// by name for the files the source wants. Nothing is kept per file but the set of followed names.
//
// Not chokidar (which this replaced): on every event of a folder it watches, chokidar lists the
// folder and lstat()s every entry in it to find what was added or removed, again and again while
// events keep coming (its 1 s throttle re-reads as soon as a read ends if anything happened
// meanwhile), plus once more per path added before it existed. A gateway folder holding 10 000
// old transcripts then cost the daemon more than a core while any agent was busy, and 100
// sessions starting at once allocated ~800 MB in such rescans (RSS 440 MB). A folder event here
// costs a name check. It also needs one inotify watch per agent instead of one per followed file.
import { type FSWatcher, statSync, watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { SourceClock } from './source-clock.ts';

/** How the folder's files are watched: transcripts only while followed, `watch` files always. */
export type WatchClass = 'transcript' | 'watch' | 'ignore';

/** `rename`: the name appeared or went (created, deleted, renamed); `change`: its content changed. */
export type FolderEvent = 'rename' | 'change';

export interface TranscriptDirWatchOptions {
  dir: string;
  classify(name: string): WatchClass;
  onEvent(event: FolderEvent, file: string): void;
  onError(err: Error): void;
  /**
   * Events may have been missed: the watch was set up again after a failure, or the platform sent
   * an event without a file name. Whatever is followed should be read again.
   */
  onResync?(): void;
  clock: SourceClock;
  /** Wait before watching again after the watch failed (default 1000 ms). */
  retryMs?: number;
}

export interface TranscriptDirWatch {
  /** Starts watching; a folder that cannot be watched yet is retried (reported unless missing). */
  start(): Promise<void>;
  /** A transcript the source follows: its content changes are passed on from now on. */
  follow(file: string): void;
  /** Not followed any more: only its appearing or going is passed on. */
  unfollow(file: string): void;
  /** Transcripts whose content changes are passed on (the followed ones). */
  watchedTranscripts(): number;
  close(): Promise<void>;
}

export function createTranscriptDirWatch(options: TranscriptDirWatchOptions): TranscriptDirWatch {
  const { dir, classify, clock } = options;
  const retryMs = options.retryMs ?? 1000;
  const followed = new Set<string>();
  let watcher: FSWatcher | undefined;
  /** The inode of the folder being watched: a folder deleted and made again is another one. */
  let watchedIno = 0;
  let retry: unknown;
  let closed = false;

  function onFolderEvent(event: string, name: string | null) {
    if (closed) return;
    if (!name) {
      options.onResync?.();
      return;
    }
    // The folder itself was deleted or renamed (its own name comes with the event): its watch sees
    // nothing any more, so it is set up again once the folder is back.
    if (name === path.basename(dir) && event === 'rename') void checkFolder(watcher);
    const kind = classify(name);
    if (kind === 'ignore') return;
    // A transcript nobody follows matters only when it appears (the registry may name it next);
    // the appends to 10 000 old ones do not.
    if (kind === 'transcript' && !followed.has(name) && event !== 'rename') return;
    options.onEvent(event === 'change' ? 'change' : 'rename', path.join(dir, name));
  }

  async function checkFolder(w: FSWatcher | undefined) {
    let ino = 0;
    try {
      ino = (await stat(dir)).ino;
    } catch {
      // gone
    }
    if (ino !== watchedIno && w) reopenLater(w);
  }

  /** Drops watch `w` (if still the current one) and watches the folder again after retryMs. */
  function reopenLater(w: FSWatcher) {
    if (watcher !== w) return;
    w.close();
    watcher = undefined;
    scheduleRetry();
  }

  /** Watches the folder; false (and a retry scheduled) if it cannot be watched now. */
  function open(): boolean {
    try {
      watchedIno = statSync(dir).ino;
      const w = watch(dir, { persistent: true }, onFolderEvent);
      w.on('error', (err) => {
        if (watcher !== w) return;
        options.onError(err);
        reopenLater(w);
      });
      watcher = w;
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') options.onError(err as Error);
      scheduleRetry();
      return false;
    }
  }

  function scheduleRetry() {
    if (closed || retry !== undefined) return;
    retry = clock.setTimeout(() => {
      retry = undefined;
      if (closed || watcher) return;
      if (open()) options.onResync?.();
    }, retryMs);
  }

  return {
    async start() {
      open();
    },
    follow(file) {
      if (path.dirname(file) === dir) followed.add(path.basename(file));
    },
    unfollow(file) {
      if (path.dirname(file) === dir) followed.delete(path.basename(file));
    },
    watchedTranscripts: () => followed.size,
    async close() {
      closed = true;
      if (retry !== undefined) clock.clearTimeout(retry);
      retry = undefined;
      watcher?.close();
      watcher = undefined;
    },
  };
}
