// Keeps every box's post in step with its newest view: one request in flight per box, at most
// `connections` overall, each box paced (leading edge, trailing flush, terminal at once), all
// boxes sharing one rate budget and one circuit breaker. Views that arrive while a box cannot
// send simply replace the pending one, so an outage coalesces and the newest state goes out on
// recovery: nothing lost, nothing sent twice.
import type { SessionView } from '@livestatus/transcript';
import { pickBot } from '../mattermost/accounts.ts';
import { type Failure, MattermostError } from '../mattermost/classify.ts';
import type { MattermostClient } from '../mattermost/client.ts';
import type { Counters, Log } from '../ops/metrics.ts';
import { admit, type BreakerState, closedBreaker, onFailure, onSuccess } from '../pacing/circuit-breaker.ts';
import { nextSendAt } from '../pacing/pacer.ts';
import {
  block,
  DEFAULT_RATE,
  initialRate,
  type RateOptions,
  type RateState,
  take,
} from '../pacing/rate-window.ts';
import type { Route } from '../sessions/routing.ts';
import { routeId } from '../sessions/routing.ts';
import { type Box, backoffMs, type GoneTurn, isDirty, isFinished, isTerminal, planRequest } from './box.ts';
import type { BoxStore } from './box-store.ts';
import { type Mode, messageFor, POST_TYPE, propsFor, type RenderLimits } from './post-content.ts';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface BoxManagerOptions {
  /** MM_TOKEN's bot: the default account's. */
  client: MattermostClient;
  /** The other accounts' bots (MM_ACCOUNT_TOKENS), by accountId; same server, same budget. */
  accounts?: ReadonlyMap<string, MattermostClient>;
  store: BoxStore;
  log: Log;
  counters: Counters;
  now: () => number;
  timers: Timers;
  newId: () => string;
  limits: RenderLimits;
  throttleMs: number;
  maxActive: number;
  breaker: { threshold: number; cooldownMs: number };
  rate?: RateOptions;
  /** Parallel requests (the pool's sockets). */
  concurrency?: number;
  mode: Mode;
}

export interface BoxManagerStats {
  active: number;
  queued: number;
  mode: Mode;
  circuit: BreakerState['state'];
  rateLimitedUntil: number;
}

export function createBoxManager(o: BoxManagerOptions) {
  const boxes = new Map<string, Box>(); // by box id
  const byTurn = new Map<string, string>(); // `${key}#${turn}` → box id
  const admitted = new Set<string>();
  const inFlight = new Set<string>();
  /** DM channel by `${account}|${userId}`: a DM channel is between one bot and the user. */
  const dmChannels = new Map<string, string>();
  const accounts = o.accounts ?? new Map<string, MattermostClient>();
  const listedAccounts = new Set(accounts.keys());
  /** Accounts already reported as served by the default bot (logged once each, not per turn). */
  const reportedAccounts = new Set<string>();
  /** Boxes a graceful shutdown marked interrupted: kept on disk so a restart can reopen them. */
  const parked = new Map<string, Box>();
  /**
   * Recently finished boxes by turn: an ended turn can still change (its sub-agent finishes after
   * the parent's final reply), and that update must land on the same post, never a new one.
   * Kept without their view's lines.
   */
  const closed = new Map<string, Box>();
  const CLOSED_MAX = 2000;
  /**
   * Turns whose post is gone (deleted by a user, or refused for good). Persisted, so neither a
   * later update nor a restart gives such a turn a second post. Bounded: the oldest are dropped.
   */
  const goneTurns = new Map<string, GoneTurn>();
  const GONE_MAX = 1000;
  /** Bot user id per account ('' = MM_TOKEN's bot), learned on the first DM. */
  const botUserIds = new Map<string, string>();
  let mode: Mode = o.mode;
  let breaker: BreakerState = closedBreaker;
  let rate: RateState = initialRate(o.now(), o.rate ?? DEFAULT_RATE);
  let timer: unknown;
  let timerAt = Number.POSITIVE_INFINITY;
  let saveTimer: unknown;
  let idleWaiters: Array<() => void> = [];
  const concurrency = o.concurrency ?? 4;

  const turnKey = (key: string, turn: number) => `${key}#${turn}`;

  function persistNow() {
    if (saveTimer !== undefined) {
      o.timers.clearTimeout(saveTimer);
      saveTimer = undefined;
    }
    try {
      o.store.save(
        [...[...boxes.values()].filter((b) => !isFinished(b)), ...parked.values()],
        goneTurns.values(),
      );
    } catch (err) {
      o.log.error({ err: (err as Error).message, file: o.store.file }, 'cannot save box state');
    }
  }
  function persistSoon() {
    if (saveTimer === undefined) saveTimer = o.timers.setTimeout(persistNow, 1000);
  }

  function admitQueued() {
    const queued = [...boxes.values()]
      .filter((b) => !admitted.has(b.id) && !isFinished(b))
      .sort((a, b) => a.queuedAt - b.queuedAt);
    for (const b of queued) {
      if (admitted.size >= o.maxActive) break;
      admitted.add(b.id);
      o.log.info({ box: b.id, key: b.key, turn: b.turn, queued: queued.length - 1 }, 'queued box admitted');
    }
  }

  function rememberGone(b: Box) {
    const tk = turnKey(b.key, b.turn);
    goneTurns.delete(tk);
    goneTurns.set(tk, {
      key: b.key,
      turn: b.turn,
      boxId: b.id,
      ...(b.postId ? { postId: b.postId } : {}),
      at: o.now(),
    });
    if (goneTurns.size > GONE_MAX) goneTurns.delete(goneTurns.keys().next().value as string);
  }

  function finish(b: Box) {
    const tk = turnKey(b.key, b.turn);
    closed.delete(tk);
    if (b.gone) {
      // Not parked, not closed: a gone box is never reopened (that re-created deleted posts).
      rememberGone(b);
    } else {
      if (b.interruptedByShutdown) parked.set(b.id, b);
      // A late update brings its whole view; of the final one only state and end are asked
      // (a delivered final state stays final), so the lines are not kept: 2000 whole views were
      // most of what the soak's daemon still held after its turns ended.
      closed.set(tk, { ...b, view: { ...b.view, lines: [], quiet: undefined } });
      if (closed.size > CLOSED_MAX) closed.delete(closed.keys().next().value as string);
    }
    admitted.delete(b.id);
    byTurn.delete(turnKey(b.key, b.turn));
    boxes.delete(b.id);
    persistNow();
    admitQueued();
  }

  function dueAt(b: Box, now: number): number {
    const urgent = !b.postId || isTerminal(b.view.state);
    return Math.max(
      nextSendAt({ now, lastSentAt: b.lastSentAt, throttleMs: o.throttleMs, urgent }),
      b.retryAt,
    );
  }

  function schedule(at: number) {
    if (at >= timerAt) return;
    if (timer !== undefined) o.timers.clearTimeout(timer);
    timerAt = at;
    timer = o.timers.setTimeout(
      () => {
        timer = undefined;
        timerAt = Number.POSITIVE_INFINITY;
        pump();
      },
      Math.max(0, at - o.now()),
    );
  }

  function pump() {
    const now = o.now();
    while (inFlight.size < concurrency) {
      let next: Box | undefined;
      let nextAt = Number.POSITIVE_INFINITY;
      for (const b of boxes.values()) {
        if (!admitted.has(b.id) || inFlight.has(b.id) || !isDirty(b)) continue;
        const at = dueAt(b, now);
        if (at < nextAt || (at === nextAt && next && b.queuedAt < next.queuedAt)) {
          next = b;
          nextAt = at;
        }
      }
      if (!next) break;
      if (nextAt > now) {
        schedule(nextAt);
        break;
      }
      const gate = admit(breaker, now, o.breaker);
      breaker = gate.next;
      if (!gate.allow) {
        if (gate.retryAt !== undefined) schedule(gate.retryAt);
        break;
      }
      const budget = take(rate, now, o.rate ?? DEFAULT_RATE);
      rate = budget.next;
      if (!budget.ok) {
        schedule(budget.retryAt);
        // A half-open probe that could not go out stays available.
        if (breaker.state === 'half-open') breaker = { ...breaker, probing: false };
        break;
      }
      const b = next;
      inFlight.add(b.id);
      void send(b).finally(() => {
        inFlight.delete(b.id);
        if (isFinished(b)) finish(b);
        pump();
      });
    }
    if (inFlight.size === 0 && ![...boxes.values()].some((b) => admitted.has(b.id) && isDirty(b))) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  function reportDefaultBot(account: string, why: string) {
    if (reportedAccounts.has(account)) return;
    reportedAccounts.add(account);
    o.log.warn({ account }, why);
  }

  /** The box's bot. Its account comes from a previous run's file when it is no longer listed. */
  function clientOf(b: Box): MattermostClient {
    if (b.account === undefined) return o.client;
    const c = accounts.get(b.account);
    if (c) return c;
    reportDefaultBot(
      b.account,
      'a resumed status box belongs to an account no longer in MM_ACCOUNT_TOKENS; using the MM_TOKEN bot, which may not edit it',
    );
    return o.client;
  }

  async function ensureChannel(b: Box): Promise<string> {
    if (b.channelId) return b.channelId;
    const userId = b.routeText.slice('user:'.length).split(':thread:')[0] ?? '';
    const client = clientOf(b);
    const bot = client === o.client ? '' : (b.account ?? '');
    const cacheKey = `${bot}|${userId}`;
    let ch = dmChannels.get(cacheKey);
    if (!ch) {
      let botUserId = botUserIds.get(bot);
      if (botUserId === undefined) {
        botUserId = (await client.getMe()).id;
        botUserIds.set(bot, botUserId);
      }
      ch = (await client.createDirectChannel([botUserId, userId])).id;
      dmChannels.set(cacheKey, ch);
    }
    b.channelId = ch;
    return ch;
  }

  async function send(b: Box): Promise<void> {
    const version = b.version;
    const view = b.view;
    const now = o.now();
    const plan = planRequest(b, mode);
    try {
      if (plan.kind === 'find-lost-create') {
        const channelId = await ensureChannel(b);
        // Clock skew between us and the server: look back generously.
        const posts = await clientOf(b).getPostsSince(channelId, plan.since - 5 * 60_000);
        const found = posts.find((p) => p.props?.livestatus_box === b.id);
        b.createStartedAt = undefined;
        if (found?.delete_at) {
          markGone(b, 'post was deleted');
        } else if (found) {
          b.postId = found.id;
          b.postMode = found.type === POST_TYPE ? 'plugin' : 'rest';
          b.messageState = undefined;
          o.counters.lostCreatesRecovered++;
          o.log.info({ box: b.id, post: found.id }, 'found the post of a create whose answer was lost');
        }
        persistNow();
      } else if (plan.kind === 'create') {
        const channelId = await ensureChannel(b);
        b.createStartedAt = now;
        persistNow();
        const post = await clientOf(b).createPost({
          channel_id: channelId,
          ...(b.rootId ? { root_id: b.rootId } : {}),
          message: messageFor(view, o.limits, now),
          ...(plan.mode === 'plugin' ? { type: POST_TYPE } : {}),
          props: propsFor(view, b.id, o.limits),
        });
        o.counters.postsCreated++;
        b.postId = post.id;
        b.postMode = plan.mode;
        b.createStartedAt = undefined;
        b.messageState = view.state;
        b.sentVersion = version;
        persistNow();
        o.log.info(
          { box: b.id, key: b.key, turn: b.turn, post: post.id, route: b.routeText },
          'status box created',
        );
      } else {
        await clientOf(b).patchPost(plan.postId, {
          ...(plan.withMessage ? { message: messageFor(view, o.limits, now) } : {}),
          props: propsFor(view, b.id, o.limits),
        });
        o.counters.postEdits++;
        if (plan.withMessage) b.messageState = view.state;
        b.sentVersion = version;
        if (isTerminal(view.state)) persistNow();
        else persistSoon();
      }
      breaker = onSuccess(breaker);
      b.failures = 0;
      b.retryAt = 0;
      if (plan.kind !== 'find-lost-create') b.lastSentAt = now;
    } catch (err) {
      const failure: Failure =
        err instanceof MattermostError
          ? err.failure
          : { kind: 'fatal', maybeDelivered: false, message: `internal: ${(err as Error).message}` };
      // Measured from when the answer arrived, not when the request left: a Retry-After counted
      // from the send time let the next request out early by the request's round trip.
      onSendFailure(b, plan.kind, failure, o.now());
    }
  }

  let lastError: { at: number; message: string } | undefined;

  function onSendFailure(b: Box, planKind: string, f: Failure, now: number) {
    o.counters.requestErrors++;
    lastError = { at: now, message: f.message };
    if (planKind === 'create' && !f.maybeDelivered) b.createStartedAt = undefined;
    switch (f.kind) {
      case 'rate-limited':
        o.counters.rateLimitWaits++;
        rate = block(rate, now, f.retryAfterMs ?? 1000);
        if (breaker.state === 'half-open') breaker = { ...breaker, probing: false };
        o.log.warn({ box: b.id, waitMs: f.retryAfterMs }, 'rate limited by Mattermost; pausing all requests');
        return;
      case 'retryable':
        breaker = onFailure(breaker, now, o.breaker);
        b.failures++;
        b.retryAt = now + backoffMs(b.failures);
        o.log.warn({ box: b.id, error: f.message, circuit: breaker.state }, 'request failed; will retry');
        return;
      case 'gone':
        // On a patch this is our own post answered 403/404: deleted (see classify.ts).
        markGone(b, planKind === 'patch' ? `post was deleted (${f.message})` : f.message);
        return;
      case 'fatal':
        markGone(b, f.message);
    }
  }

  function markGone(b: Box, why: string) {
    if (b.gone) return;
    b.gone = true;
    rememberGone(b);
    o.counters.boxesGone++;
    o.log.warn(
      { box: b.id, key: b.key, turn: b.turn, post: b.postId, why },
      'stopped updating this status box',
    );
  }

  /** A stand-in for a turn whose post is gone: registered nowhere, never sent. */
  function goneBox(g: GoneTurn, view: SessionView, route: Route): Box {
    return {
      id: g.boxId,
      key: g.key,
      turn: g.turn,
      routeText: routeId(route),
      ...(g.postId ? { postId: g.postId } : {}),
      view,
      version: 0,
      sentVersion: 0,
      lastSentAt: null,
      retryAt: 0,
      failures: 0,
      gone: true,
      queuedAt: g.at,
    };
  }

  return {
    /** The newest view of a turn; creates its box (or queues it beyond MAX_ACTIVE_SESSIONS). */
    show(view: SessionView, route: Route): Box {
      const tk = turnKey(view.key, view.turn);
      const id = byTurn.get(tk);
      const tomb = id ? undefined : goneTurns.get(tk);
      if (tomb) return goneBox(tomb, view, route);
      let b = id ? boxes.get(id) : undefined;
      const ended = b ? undefined : closed.get(tk);
      if (ended) {
        closed.delete(tk);
        b = ended;
        boxes.set(b.id, b);
        byTurn.set(tk, b.id);
        admitted.add(b.id); // it holds a post already: no queueing for a late update
        // A delivered final state stays final: a late view may add lines, never reopen the turn.
        b.view =
          view.state === 'active' && isTerminal(ended.view.state)
            ? {
                ...view,
                state: ended.view.state,
                endedAt: ended.view.endedAt ?? view.lastActivityAt,
                quiet: undefined,
              }
            : view;
        b.version++;
        pump();
        return b;
      }
      if (!b) {
        const bot = pickBot(route.accountId, listedAccounts);
        if (bot.unlisted !== undefined)
          reportDefaultBot(
            bot.unlisted,
            'account not in MM_ACCOUNT_TOKENS; its sessions use the MM_TOKEN bot',
          );
        b = {
          id: o.newId(),
          key: view.key,
          turn: view.turn,
          routeText: routeId(route),
          ...(bot.account !== undefined ? { account: bot.account } : {}),
          ...(route.kind === 'channel' ? { channelId: route.channelId } : {}),
          ...(route.rootId ? { rootId: route.rootId } : {}),
          view,
          version: 1,
          sentVersion: 0,
          lastSentAt: null,
          retryAt: 0,
          failures: 0,
          gone: false,
          queuedAt: o.now(),
        };
        boxes.set(b.id, b);
        byTurn.set(tk, b.id);
        if (admitted.size < o.maxActive) admitted.add(b.id);
        else
          o.log.warn(
            { key: b.key, queued: boxes.size - admitted.size },
            'MAX_ACTIVE_SESSIONS reached; box queued',
          );
      } else {
        if (b.gone) return b;
        b.view = view;
        b.version++;
        if (view.state === 'active') b.interruptedByShutdown = undefined;
      }
      pump();
      return b;
    },
    /** Boxes of a previous run (from the store), to be resumed on the same posts. */
    restore(saved: Box[], gone: GoneTurn[] = []) {
      for (const g of gone) goneTurns.set(turnKey(g.key, g.turn), g);
      for (const s of saved) {
        const b: Box = {
          ...s,
          version: s.sentVersion,
          lastSentAt: null,
          retryAt: 0,
          failures: 0,
          gone: false,
        };
        boxes.set(b.id, b);
        byTurn.set(turnKey(b.key, b.turn), b.id);
        admitted.add(b.id);
      }
    },
    /** Force a box to a state (orphans after restart, shutdown). */
    markState(b: Box, state: 'interrupted' | 'done', at: number) {
      if (b.gone || b.view.state === state) return;
      b.view = { ...b.view, state, endedAt: b.view.endedAt ?? at, quiet: undefined };
      b.version++;
      pump();
    },
    /** Every box held, finished ones included (startup reconciliation sees restored interrupted boxes). */
    allBoxes(): Box[] {
      return [...boxes.values()];
    },
    /** Forget boxes with nothing left to send (after startup reconciliation). */
    prune() {
      for (const b of [...boxes.values()])
        if (isFinished(b) && !inFlight.has(b.id) && !isDirty(b))
          finish({ ...b, interruptedByShutdown: undefined });
      persistNow();
    },
    boxFor(key: string, turn: number): Box | undefined {
      const id = byTurn.get(turnKey(key, turn));
      return id ? boxes.get(id) : undefined;
    },
    liveBoxes(): Box[] {
      return [...boxes.values()].filter((b) => !isFinished(b));
    },
    setMode(next: Mode) {
      if (next === mode) return;
      mode = next;
      o.log.info({ mode }, 'status box mode changed');
      pump();
    },
    /** Graceful shutdown: every live box becomes interrupted, then flush (bounded). */
    async shutdown(deadlineMs: number): Promise<{ flushed: boolean }> {
      const now = o.now();
      for (const b of boxes.values()) {
        if (!admitted.has(b.id) && !b.postId) continue;
        if (!b.gone && b.view.state === 'active') {
          b.view = { ...b.view, state: 'interrupted', endedAt: now, quiet: undefined };
          b.version++;
          b.interruptedByShutdown = true;
        }
      }
      persistNow();
      const flushed = await Promise.race([
        this.idle().then(() => true),
        new Promise<boolean>((r) => o.timers.setTimeout(() => r(false), deadlineMs)),
      ]);
      persistNow();
      if (timer !== undefined) o.timers.clearTimeout(timer);
      return { flushed };
    },
    /** Resolves when nothing is pending or in flight. */
    idle(): Promise<void> {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        pump();
      });
    },
    stats(): BoxManagerStats & { lastError?: { at: number; message: string } } {
      const live = [...boxes.values()].filter((b) => !isFinished(b));
      return {
        active: live.filter((b) => admitted.has(b.id)).length,
        queued: live.filter((b) => !admitted.has(b.id)).length,
        mode,
        circuit: breaker.state,
        rateLimitedUntil: rate.blockedUntil,
        ...(lastError ? { lastError } : {}),
      };
    },
    close() {
      if (timer !== undefined) o.timers.clearTimeout(timer);
      if (saveTimer !== undefined) persistNow();
    },
  };
}

export type BoxManager = ReturnType<typeof createBoxManager>;
