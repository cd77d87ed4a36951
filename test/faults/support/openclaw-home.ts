// A temp OpenClaw home with sessions written the way OpenClaw 2026.7.x writes them (registry by
// temp file + rename, `<file>.lock` around the run, header..first assistant in one write, then one
// append per entry), built from a REAL fixture transcript. Each session can be cloned under a new
// key/session id and its entries rewritten (hostile text), every other field kept as recorded.
// Time is shifted to now so elapsed times and idle caps behave as in a live run.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSessionsJsonWriter, fixturesDir } from '@livestatus/transcript';

export const BASIC_FIXTURE = 'v2026.7.35-local-basic';
const BASIC_SESSION = '91a91807-da8d-4e09-8cac-722a3462075f';

interface Recorded {
  key: string;
  entry: Record<string, unknown>;
  lines: string[];
}

function loadRecorded(fixture: string): Recorded {
  const dir = path.join(fixturesDir, fixture, 'agents/main/sessions');
  const registry = JSON.parse(readFileSync(path.join(dir, 'sessions.json'), 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;
  const [key, entry] = Object.entries(registry)[0]!;
  const file = path.basename(String(entry.sessionFile));
  const lines = readFileSync(path.join(dir, file), 'utf8').split('\n').filter(Boolean);
  return { key, entry, lines };
}

/** Shifts every time field of an entry by `offset` ms (ISO strings and epoch numbers). */
function retime(value: Record<string, unknown>, offset: number): void {
  if (typeof value.timestamp === 'string')
    value.timestamp = new Date(Date.parse(value.timestamp) + offset).toISOString();
  else if (typeof value.timestamp === 'number') value.timestamp += offset;
  for (const k of ['message', 'data'] as const) {
    const inner = value[k];
    if (inner && typeof inner === 'object') retime(inner as Record<string, unknown>, offset);
  }
}

// OpenClaw's session-store maintenance (2026.7.35 `store-maintenance.ts`, mode "enforce" by
// default): once the registry reaches its high water (maxEntries 500 + max(25, 10 %)) it keeps
// the 500 most recently updated entries. Without it a long soak grew a registry no real gateway
// keeps, and the daemon had to follow every session it ever saw.
const MAX_ENTRIES = 500;
const HIGH_WATER = MAX_ENTRIES + Math.max(25, Math.ceil(MAX_ENTRIES * 0.1));

function capEntryCount(registry: Record<string, Record<string, unknown>>): void {
  const keys = Object.keys(registry);
  if (keys.length < HIGH_WATER) return;
  const updatedAt = (k: string) => Number(registry[k]?.updatedAt ?? 0);
  for (const k of keys.sort((a, b) => updatedAt(b) - updatedAt(a)).slice(MAX_ENTRIES)) delete registry[k];
}

export type EntryRewrite = (entry: Record<string, unknown>) => Record<string, unknown>;

export class OpenClawHome {
  readonly home = mkdtempSync(path.join(tmpdir(), 'ls-faults-home-'));
  readonly stateDir = path.join(this.home, '.openclaw');
  readonly sessionsDir = path.join(this.stateDir, 'agents/main/sessions');
  /** The daemon's own state (never inside OpenClaw's). */
  readonly daemonState = path.join(this.home, 'daemon-state');
  readonly registry: Record<string, Record<string, unknown>> = {};

  constructor() {
    mkdirSync(this.sessionsDir, { recursive: true });
    mkdirSync(this.daemonState, { recursive: true });
    // An installed OpenClaw has its registry before any run (the daemon detects the agent by it).
    writeFileSync(this.registryFile, '{}');
  }

  get registryFile(): string {
    return path.join(this.sessionsDir, 'sessions.json');
  }

  // One write after the other, each of the registry as it is then (see createSessionsJsonWriter):
  // concurrent writes once left an older version last, a finished run "running" for good, and
  // the daemon rightly kept following it (the quick soak's one transcript open at idle).
  readonly #registryWriter = createSessionsJsonWriter(this.registryFile, () => {
    capEntryCount(this.registry);
    return this.registry;
  });

  flushRegistry(): Promise<void> {
    return this.#registryWriter.write();
  }

  /** A session of the basic fixture; `n` > 0 clones it under its own key and session id. */
  session(opts: { n?: number; key?: string; rewrite?: EntryRewrite; fixture?: string } = {}): LiveSession {
    const rec = loadRecorded(opts.fixture ?? BASIC_FIXTURE);
    const n = opts.n ?? 0;
    const sessionId =
      n === 0 ? BASIC_SESSION : `${BASIC_SESSION.slice(0, 24)}${n.toString(16).padStart(12, '0')}`;
    // Clones have no Mattermost route of their own: the daemon sends them to DEFAULT_CHANNEL.
    const key = opts.key ?? (n === 0 ? rec.key : `agent:main:explicit:fault-${n}`);
    return new LiveSession(this, key, sessionId, rec, opts.rewrite);
  }

  remove(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}

export class LiveSession {
  readonly file: string;
  /** Entries (as written, retimed at begin). */
  lines: string[] = [];
  written = 0;

  constructor(
    private readonly home: OpenClawHome,
    readonly key: string,
    readonly sessionId: string,
    private readonly rec: Recorded,
    private readonly rewrite: EntryRewrite | undefined,
  ) {
    const name = path.basename(String(rec.entry.sessionFile)).replace(BASIC_SESSION, sessionId);
    this.file = path.join(home.sessionsDir, name);
  }

  get lockFile(): string {
    return `${this.file}.lock`;
  }

  get done(): boolean {
    return this.written >= this.lines.length;
  }

  /** The run starts: registry `running`, lock file, then header..first assistant in one write. */
  async begin(): Promise<void> {
    const now = Date.now();
    const first = JSON.parse(this.rec.lines[0]!) as { timestamp: string };
    const offset = now - Date.parse(first.timestamp);
    this.lines = this.rec.lines.map((text) => {
      const entry = JSON.parse(text.replaceAll(BASIC_SESSION, this.sessionId)) as Record<string, unknown>;
      retime(entry, offset);
      return JSON.stringify(this.rewrite ? this.rewrite(entry) : entry);
    });
    const entry: Record<string, unknown> = {
      ...this.rec.entry,
      sessionId: this.sessionId,
      sessionFile: this.file,
    };
    for (const f of ['updatedAt', 'sessionStartedAt', 'lastInteractionAt', 'lastActivityAt']) entry[f] = now;
    Object.assign(entry, { status: 'running', startedAt: now });
    this.home.registry[this.key] = entry;
    await this.home.flushRegistry();
    writeFileSync(
      this.lockFile,
      JSON.stringify({ pid: process.pid, createdAt: new Date(now).toISOString(), maxHoldMs: 300000 }),
    );
    const head =
      this.lines.findIndex(
        (l) => (JSON.parse(l) as { message?: { role?: string } }).message?.role === 'assistant',
      ) + 1;
    writeFileSync(this.file, `${this.lines.slice(0, head).join('\n')}\n`);
    this.written = head;
  }

  /** Appends the next `count` entries, one write each (as OpenClaw's session manager does). */
  step(count = 1): void {
    for (let i = 0; i < count && !this.done; i++)
      appendFileSync(this.file, `${this.lines[this.written++]}\n`);
  }

  /** Writes the rest, removes the lock and marks the run done in the registry. */
  async finish(): Promise<void> {
    this.step(this.lines.length);
    rmSync(this.lockFile, { force: true });
    const entry = this.home.registry[this.key];
    const now = Date.now();
    if (entry) Object.assign(entry, { status: 'done', endedAt: now, updatedAt: now });
    await this.home.flushRegistry();
  }
}
