// Every HTTP request the server answered, and an event stream tests can await.
import { EventEmitter } from 'node:events';
import type { PostEvent } from './world.ts';

export interface RequestLogEntry {
  seq: number;
  method: string;
  /** Path without the query string. */
  path: string;
  query: string;
  /** 0 when the connection was reset by a fault; the handled status when its answer was dropped. */
  status: number;
  startedAt: number;
  durationMs: number;
  requestBytes: number;
  responseBytes: number;
  /** Username the request authenticated as, or null. */
  principal: string | null;
  /** The injected fault that shaped this answer, if any. */
  fault: 'error' | 'reset' | 'rate_limited' | 'dropped' | null;
}

export type ServerEvent =
  | { kind: 'request'; entry: RequestLogEntry }
  | { kind: 'post'; event: PostEvent }
  | { kind: 'ws'; action: 'connected' | 'disconnected'; userId: string }
  | { kind: 'outage'; down: boolean };

export class RequestLog {
  readonly entries: RequestLogEntry[] = [];
  readonly events = new EventEmitter();
  #seq = 0;

  constructor() {
    this.events.setMaxListeners(0);
  }

  add(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    const full = { ...entry, seq: ++this.#seq };
    this.entries.push(full);
    this.emit({ kind: 'request', entry: full });
    return full;
  }

  emit(event: ServerEvent): void {
    this.events.emit('event', event);
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** Resolves with the first event (from now on) matching `predicate`; rejects after `timeoutMs`. */
  waitFor<E extends ServerEvent>(
    predicate: (event: ServerEvent) => event is E,
    timeoutMs?: number,
  ): Promise<E>;
  waitFor(predicate: (event: ServerEvent) => boolean, timeoutMs?: number): Promise<ServerEvent>;
  waitFor(predicate: (event: ServerEvent) => boolean, timeoutMs = 5000): Promise<ServerEvent> {
    return new Promise((resolve, reject) => {
      const onEvent = (event: ServerEvent) => {
        if (!predicate(event)) return;
        cleanup();
        resolve(event);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`mm-dev-server: waitFor timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off('event', onEvent);
      };
      this.events.on('event', onEvent);
    });
  }
}
