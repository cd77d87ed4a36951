// Counters shared by the box manager, the health endpoint and /metrics. Plain numbers: the
// daemon is one process, there is nothing to aggregate.

export interface Counters {
  postsCreated: number;
  postEdits: number;
  requests: number;
  requestErrors: number;
  rateLimitWaits: number;
  boxesGone: number;
  lostCreatesRecovered: number;
  sourceProblems: number;
}

export function newCounters(): Counters {
  return {
    postsCreated: 0,
    postEdits: 0,
    requests: 0,
    requestErrors: 0,
    rateLimitWaits: 0,
    boxesGone: 0,
    lostCreatesRecovered: 0,
    sourceProblems: 0,
  };
}

/** The minimal logger the core needs; pino satisfies it. */
export interface Log {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };
