// Drives a program in a real terminal: tmux on a private socket, keys with send-keys, the screen
// with capture-pane. Under CI=true a missing tmux is an error, never a skip.
import { execFileSync, spawnSync } from 'node:child_process';

export function hasTmux(): boolean {
  return spawnSync('sh', ['-c', 'command -v tmux'], { stdio: 'ignore' }).status === 0;
}

export function requireTmuxOrSkip(): boolean {
  if (hasTmux()) return true;
  if (process.env.CI === 'true') {
    throw new Error('tmux is required for the terminal suite (CI=true): apt-get install -y tmux');
  }
  return false;
}

export class TmuxSession {
  readonly socket = `livestatus-tui-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  readonly name = 'tui';

  private tmux(args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Starts `command` in a detached width×height terminal. */
  start(command: string, width = 80, height = 24, env: Record<string, string> = {}): void {
    const exports = Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)}`);
    const line = `${exports.length > 0 ? `env ${exports.join(' ')} ` : ''}${command}; echo "[exited $?]"; sleep 30`;
    this.tmux([
      '-f',
      '/dev/null',
      'new-session',
      '-d',
      '-s',
      this.name,
      '-x',
      String(width),
      '-y',
      String(height),
      line,
    ]);
    this.tmux(['set-option', '-t', this.name, 'status', 'off']);
  }

  /** Keys in tmux's send-keys syntax (`j`, `Enter`, `Escape`, `Down`) or literal text with `literal`. */
  send(keys: string, literal = false): void {
    this.tmux(['send-keys', '-t', this.name, ...(literal ? ['-l'] : []), keys]);
  }

  screen(): string {
    return this.tmux(['capture-pane', '-p', '-t', this.name]);
  }

  resize(width: number, height: number): void {
    this.tmux(['resize-window', '-t', this.name, '-x', String(width), '-y', String(height)]);
  }

  async waitFor(what: string, predicate: (screen: string) => boolean, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      last = this.screen();
      if (predicate(last)) return last;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen was:\n${last}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Pid of the program started in the pane (the child of the pane's shell). */
  programPid(): number {
    const shell = this.tmux(['display-message', '-p', '-t', this.name, '#{pane_pid}']).trim();
    const child = execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n')[0];
    const pid = Number(child);
    if (!Number.isInteger(pid) || pid <= 0)
      throw new Error(`no program running in the pane (shell ${shell})`);
    return pid;
  }

  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
  }
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
