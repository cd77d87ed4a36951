// A driver of the REAL daemon process (the built CLI `livestatus-daemon run`), as an operator runs
// it: environment in, logs captured, /health and /metrics over HTTP, signals (SIGTERM, kill -9),
// and its memory and handles read from /proc. Nothing of the daemon is imported.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { freeLoopbackPort } from '@livestatus/openclaw-e2e';
import { daemonBin, requireDaemonBuild } from './paths.ts';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Only what a service unit would pass: PATH and HOME, plus the daemon's own settings. */
function baseEnv(home: string): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8' };
}

export class DaemonProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit>;
  #exit: Exit | undefined;

  private constructor(
    child: ChildProcess,
    readonly healthPort: number,
  ) {
    this.child = child;
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      this.stdout += d;
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      this.stderr += d;
    });
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.#exit = { code, signal };
        resolve(this.#exit);
      }),
    );
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.#exit === undefined;
  }

  /** Starts `livestatus-daemon run` and waits until its health endpoint answers. */
  static async start(
    home: string,
    env: Record<string, string>,
    args = ['run'],
    nodeArgs: string[] = [],
  ): Promise<DaemonProcess> {
    requireDaemonBuild();
    const healthPort = env.HEALTH_PORT ? Number(env.HEALTH_PORT) : await freeLoopbackPort(); // not 0: that turns the health server off
    const child = spawn(process.execPath, [...nodeArgs, daemonBin, ...args], {
      env: { ...baseEnv(home), ...env, HEALTH_PORT: String(healthPort) },
      cwd: home,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const d = new DaemonProcess(child, healthPort);
    const end = Date.now() + 15_000;
    for (;;) {
      if (!d.running) throw new Error(`daemon exited during start: ${JSON.stringify(d.#exit)}\n${d.stderr}`);
      if (healthPort === 0) break;
      try {
        const res = await fetch(`http://127.0.0.1:${healthPort}/health`, {
          signal: AbortSignal.timeout(500),
        });
        if (res.status === 200 || res.status === 503) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > end) {
        d.kill('SIGKILL');
        throw new Error(`daemon health endpoint never answered\n${d.stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return d;
  }

  /** Runs the CLI to completion (config errors, `render`), capturing everything. */
  static runOnce(home: string, env: Record<string, string>, args: string[]) {
    requireDaemonBuild();
    return spawnSync(process.execPath, [daemonBin, ...args], {
      env: { ...baseEnv(home), ...env },
      cwd: home,
      encoding: 'utf8',
      timeout: 30_000,
    });
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 12_000): Promise<Exit> {
    this.kill(signal);
    const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs).unref());
    const r = await Promise.race([this.exited, timer]);
    if (r === 'timeout') {
      this.kill('SIGKILL');
      throw new Error(`daemon did not exit within ${timeoutMs} ms of ${signal}`);
    }
    return r;
  }

  async health(): Promise<Record<string, unknown> & { raw: string }> {
    const res = await fetch(`http://127.0.0.1:${this.healthPort}/health`, {
      signal: AbortSignal.timeout(3000),
    });
    const raw = await res.text();
    return { ...(JSON.parse(raw) as Record<string, unknown>), raw };
  }

  async metrics(): Promise<string> {
    const res = await fetch(`http://127.0.0.1:${this.healthPort}/metrics`, {
      signal: AbortSignal.timeout(3000),
    });
    return res.text();
  }

  /** Resident memory in kB (VmRSS of /proc/<pid>/status). */
  rssKb(): number {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
    return m ? Number(m[1]) : Number.NaN;
  }

  /** Open file descriptors (entries of /proc/<pid>/fd). */
  fdCount(): number {
    return readdirSync(`/proc/${this.pid}/fd`).length;
  }

  /** What each open fd points at (readlink of /proc/<pid>/fd/*): a path, "socket:[…]", … */
  fdTargets(): string[] {
    const targets: string[] = [];
    for (const fd of readdirSync(`/proc/${this.pid}/fd`)) {
      try {
        targets.push(readlinkSync(`/proc/${this.pid}/fd/${fd}`));
      } catch {
        // closed while listing
      }
    }
    return targets;
  }

  /**
   * What the open fds are, by kind (files by folder and UUID-folded name, "socket",
   * "anon_inode:inotify", …) with counts: a growing fd count says what leaks.
   */
  fdKinds(): Record<string, number> {
    const kinds: Record<string, number> = {};
    for (const target of this.fdTargets()) {
      // Files by folder and name with any UUID folded ("…/sessions/*.jsonl", "…/sessions.json (deleted)").
      const kind = target.startsWith('/')
        ? `file:${path.dirname(target)}/${path.basename(target).replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '*')}`
        : target.replace(/:\[\d+\]$/, '');
      kinds[kind] = (kinds[kind] ?? 0) + 1;
    }
    return kinds;
  }

  /** pino's JSON log lines (stderr), parsed; other lines skipped. */
  logLines(): Array<Record<string, unknown>> {
    const out: Array<Record<string, unknown>> = [];
    for (const line of this.stderr.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        out.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // a torn last line while the process is still writing
      }
    }
    return out;
  }
}
