// The delivery invariants, read from what mm-dev-server received and stored (never from the
// daemon's own word): one post per (session, turn), the final content equal to the turn's final
// state as the daemon's offline `render` computes it from the same files, no request inside a 429
// Retry-After window.
import type { MmDevServer, RequestLogEntry } from '@livestatus/mm-dev-server';
import type { LivestatusPropsV1, PropsLine } from '@livestatus/render/props';
import { toProps } from '@livestatus/render/props';
import type { SessionView } from '@livestatus/transcript';
import type { Post } from '@mattermost/types/posts';
import { DaemonProcess } from './daemon-process.ts';
import type { OpenClawHome } from './openclaw-home.ts';

export const boxOf = (p: Post) => p.props?.livestatus as LivestatusPropsV1 | undefined;

/** Every status post the server stores, deleted ones included (a deleted duplicate is still one). */
export function boxPosts(server: MmDevServer): Post[] {
  return [...server.world.posts.values()].filter((p) => p.props?.livestatus_box !== undefined);
}

/** Posts beyond the first per (session key, turn). */
export function duplicates(posts: Post[]): number {
  const seen = new Map<string, number>();
  for (const p of posts) {
    const b = boxOf(p);
    const k = b ? `${b.k}#${b.n}` : String(p.props?.livestatus_box);
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  let extra = 0;
  for (const n of seen.values()) extra += n - 1;
  return extra;
}

export const isPostWrite = (e: RequestLogEntry) =>
  e.path.startsWith('/api/v4/posts') && (e.method === 'POST' || e.method === 'PUT');

/** The box lines of a session's final state, from `livestatus-daemon render --json` over the same home. */
export function expectedLines(home: OpenClawHome, sessionId: string, maxLines = 15): PropsLine[] {
  return expectedLinesIn(home, home.stateDir, sessionId, maxLines);
}

/** The same for an OpenClaw state directory other than the home's own (a SQLite-era run). */
export function expectedLinesIn(
  home: OpenClawHome,
  stateDir: string,
  sessionId: string,
  maxLines = 15,
): PropsLine[] {
  const r = DaemonProcess.runOnce(home.home, {}, ['render', sessionId, '--state-dir', stateDir, '--json']);
  if (r.status !== 0) throw new Error(`render failed (${r.status}): ${r.stderr}`);
  return toProps(JSON.parse(r.stdout) as SessionView, { maxLines }).L;
}

/** The same from a transcript file given by path (`render <path>` parses the whole file). */
export function expectedLinesOfFile(home: OpenClawHome, file: string, maxLines = 15): PropsLine[] {
  const r = DaemonProcess.runOnce(home.home, {}, ['render', file, '--json']);
  if (r.status !== 0) throw new Error(`render failed (${r.status}): ${r.stderr}`);
  return toProps(JSON.parse(r.stdout) as SessionView, { maxLines }).L;
}

/** Expected lines missing from (or different in) the delivered box. */
export function lostLines(delivered: PropsLine[], expected: PropsLine[]): number {
  const got = new Set(delivered.map((l) => JSON.stringify(l)));
  return expected.filter((l) => !got.has(JSON.stringify(l))).length;
}

/**
 * Requests the server received after answering 429 and before the Retry-After it sent had passed.
 * With the limiter at `perSec` ≤ 1 the header is always ceil(<1000 ms) = 1 s. Requests arriving
 * within `inFlightMs` of the 429 were already on the wire when it was answered (the daemon keeps
 * up to 4 sockets): counted apart, as `inFlight`. `slackMs` absorbs timer granularity; how early
 * the earliest request came is reported as `earlyMs` (0 when none came inside the window).
 */
export function retryAfterWindows(
  server: MmDevServer,
  retryAfterMs = 1000,
  inFlightMs = 30,
  slackMs = 50,
): { violations: number; inFlight: number; earlyMs: number } {
  const log = server.requests();
  let violations = 0;
  let inFlight = 0;
  let earlyMs = 0;
  for (const r of log) {
    if (r.status !== 429) continue;
    const answered = r.startedAt + r.durationMs;
    for (const e of log) {
      if (e.startedAt <= answered || e.startedAt >= answered + retryAfterMs) continue;
      if (e.startedAt < answered + inFlightMs) {
        inFlight++;
        continue;
      }
      earlyMs = Math.max(earlyMs, Math.round(answered + retryAfterMs - e.startedAt));
      if (e.startedAt < answered + retryAfterMs - slackMs) violations++;
    }
  }
  return { violations, inFlight, earlyMs };
}

/** Longest silence between two consecutive requests in [from, to] (ms). */
export function maxRequestGap(server: MmDevServer, from: number, to: number): number {
  const times = server
    .requests()
    .map((e) => e.startedAt)
    .filter((t) => t >= from && t <= to);
  let gap = 0;
  let prev = from;
  for (const t of [...times, to]) {
    gap = Math.max(gap, t - prev);
    prev = t;
  }
  return gap;
}

export async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - t0;
}
