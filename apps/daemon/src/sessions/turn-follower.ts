// Sessions → boxes: feeds every source change into the shared turn tracker and hands each turn
// event to the box manager with its route. At startup it reconciles with the boxes a previous run
// left behind: same post for a turn still running (an interrupted box returns to active), the
// final state for turns that ended while the daemon was down, `interrupted` for orphans. History
// that ended before the daemon started gets no box.
import type { SessionChange, SessionRecord, SessionView, Tracker } from '@livestatus/transcript';
import type { BoxManager } from '../boxes/box-manager.ts';
import type { Log } from '../ops/metrics.ts';
import { type Route, routeFor } from './routing.ts';

export type TurnTracker = Pick<Tracker, 'apply' | 'tick'>;

/** What the follower asks of the box manager. */
export type FollowerBoxes = Pick<
  BoxManager,
  'boxFor' | 'show' | 'liveBoxes' | 'allBoxes' | 'markState' | 'prune'
>;

export interface FollowerOptions {
  tracker: TurnTracker;
  boxes: FollowerBoxes;
  log: Log;
  now: () => number;
  defaultChannel?: string;
}

export function createTurnFollower(o: FollowerOptions) {
  /**
   * Each session's latest record, for routing — as long as it is in the registry. Kept for every
   * key ever seen, it grew with the sessions OpenClaw had pruned (1-hour soak: `sessions_tracked`
   * reached the number of turns); a box whose session left keeps its own channel.
   */
  const records = new Map<string, SessionRecord>();
  /** Startup buffer: newest view per (key, turn) until the source's initial state is in. */
  let startup: Map<string, SessionView> | undefined = new Map();
  let skippedNoRoute = 0;

  function route(key: string): Route | null {
    const rec = records.get(key);
    // A sub-agent without its own Mattermost route inherits its parent's.
    if (rec?.parentKey && !rec.mattermost) return routeFor(records.get(rec.parentKey), o.defaultChannel);
    return routeFor(rec, o.defaultChannel);
  }

  function isNestedChild(key: string): boolean {
    const parent = records.get(key)?.parentKey;
    return parent !== undefined && o.boxes.liveBoxes().some((b) => b.key === parent);
  }

  function handle(events: ReturnType<TurnTracker['tick']>) {
    for (const e of events) {
      if (startup) {
        startup.set(`${e.key}#${e.turn}`, e.view);
        continue;
      }
      show(e.view);
    }
  }

  function show(view: SessionView) {
    const existing = o.boxes.boxFor(view.key, view.turn);
    if (!existing) {
      if (isNestedChild(view.key)) return;
      const r = route(view.key);
      if (!r) {
        skippedNoRoute++;
        return;
      }
      o.boxes.show(view, r);
      return;
    }
    o.boxes.show(view, route(view.key) ?? { kind: 'channel', channelId: existing.channelId ?? '' });
  }

  return {
    onChange(change: SessionChange) {
      if (change.record) records.set(change.key, change.record);
      handle(o.tracker.apply(change, o.now()));
      if (change.removed) records.delete(change.key);
    },
    tick() {
      handle(o.tracker.tick(o.now()));
    },
    /** The source's initial state is in: reconcile with the previous run's boxes, then go live. */
    finishStartup() {
      const seen = startup ?? new Map<string, SessionView>();
      startup = undefined;
      const now = o.now();
      const latestTurn = new Map<string, number>();
      for (const v of seen.values()) latestTurn.set(v.key, Math.max(latestTurn.get(v.key) ?? 0, v.turn));
      let resumed = 0;
      let orphans = 0;
      for (const b of o.boxes.allBoxes()) {
        const view = seen.get(`${b.key}#${b.turn}`);
        if (view && (view.state !== 'active' || latestTurn.get(b.key) === b.turn)) {
          o.boxes.show(view, route(b.key) ?? { kind: 'channel', channelId: b.channelId ?? '' });
          resumed++;
        } else {
          o.boxes.markState(b, 'interrupted', now);
          orphans++;
        }
      }
      let started = 0;
      for (const v of seen.values()) {
        if (v.state !== 'active' || latestTurn.get(v.key) !== v.turn) continue;
        if (o.boxes.boxFor(v.key, v.turn)) continue;
        show(v);
        started++;
      }
      o.boxes.prune();
      o.log.info({ resumed, orphans, started }, 'startup reconciled with the previous run');
    },
    stats() {
      return { tracked: records.size, skippedNoRoute };
    },
  };
}
