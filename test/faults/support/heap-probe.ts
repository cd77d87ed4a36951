// The daemon's live heap, measured as a leak hunter would: through the inspector (the daemon runs
// with `--inspect=127.0.0.1:0`), force a full GC, then read heapUsed. RSS alone cannot tell a leak
// from V8 sizing its heap to the garbage rate: a soak re-reading a 9 MB sessions.json had ~20 MB
// live after GC while RSS went to 280 MB and drifted with GC timing.

type Pending = Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;

/** process.memoryUsage() of the daemon, in bytes, right after a forced full GC. */
export interface MemoryAfterGc {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export interface HeapProbe {
  /** The daemon's memory right after a forced full GC (heapUsed is the live heap). */
  afterGc(): Promise<MemoryAfterGc>;
  close(): void;
}

/** The inspector URL the daemon printed to stderr ("Debugger listening on ws://…"). */
export function inspectorUrl(stderr: string): string | undefined {
  return /Debugger listening on (ws:\/\/\S+)/.exec(stderr)?.[1];
}

export async function connectHeapProbe(url: string): Promise<HeapProbe> {
  const ws = new WebSocket(url);
  const pending: Pending = new Map();
  let nextId = 1;
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error(`inspector ${url} refused the connection`)), {
      once: true,
    });
  });
  ws.addEventListener('message', (ev) => {
    const msg = JSON.parse(String(ev.data)) as { id?: number; result?: unknown; error?: { message: string } };
    const p = msg.id === undefined ? undefined : pending.get(msg.id);
    if (!p || msg.id === undefined) return;
    pending.delete(msg.id);
    if (msg.error) p.reject(new Error(msg.error.message));
    else p.resolve(msg.result);
  });
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params }));
    });
  return {
    async afterGc() {
      await call('HeapProfiler.collectGarbage');
      const r = (await call('Runtime.evaluate', {
        expression: 'process.memoryUsage()',
        returnByValue: true,
      })) as { result?: { value?: Partial<MemoryAfterGc> } };
      const v = r.result?.value;
      if (typeof v?.heapUsed !== 'number') throw new Error('inspector gave no process.memoryUsage()');
      return v as MemoryAfterGc;
    },
    close() {
      ws.close();
    },
  };
}
