// The production parts behind the TUI: the shared session source and tracker over one OpenClaw
// state directory, fed into the coalescing feed. Read-only by construction: the source opens
// files and databases for reading only.
import { readFileSync } from 'node:fs';
import {
  createLabeler,
  createSessionSource,
  createTracker,
  type SessionSource,
  type SourceClock,
} from '@livestatus/transcript';
import { createSessionFeed, type SessionFeed } from '../sessions/session-feed.ts';

export const systemClock: SourceClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * A person watching locally wants the recent finished sessions too, not only the running ones
 * (opening the view on Monday shows Friday's runs); each transcript is read bounded.
 */
const HISTORY_WINDOW_MS = 7 * 24 * 3_600_000;

export interface FeedWiring {
  stateDir: string;
  toolLabelsFile?: string;
  clock?: SourceClock;
  /** How quickly agents that appear later are picked up (the demo's start before OpenClaw writes). */
  rescanIntervalMs?: number;
  /** Also read sessions older than the history window (`--once` on archived state). */
  allHistory?: boolean;
}

export function loadToolLabels(file: string | undefined): unknown {
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`TOOL_LABELS_FILE ${file} cannot be read: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`TOOL_LABELS_FILE ${file} is not valid JSON: ${(err as Error).message}`);
  }
}

export function createFeed(w: FeedWiring): { feed: SessionFeed; source: SessionSource } {
  const clock = w.clock ?? systemClock;
  const source = createSessionSource({
    stateDir: w.stateDir,
    clock,
    recentWindowMs: w.allHistory ? Number.MAX_SAFE_INTEGER : HISTORY_WINDOW_MS,
    ...(w.rescanIntervalMs !== undefined ? { rescanIntervalMs: w.rescanIntervalMs } : {}),
  });
  const tracker = createTracker({ labeler: createLabeler(loadToolLabels(w.toolLabelsFile)) });
  return { feed: createSessionFeed({ source, tracker, clock }), source };
}
