import { toProps } from '@livestatus/render/props';
import type { SessionView } from '@livestatus/transcript';
import { act, cleanup, render, screen } from '@testing-library/react';
import { createStore } from 'redux';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostPost, HostStore } from '../../host/types.ts';
import { createTicker, type Ticker } from '../../ticker/ticker.ts';
import { type AuthorLoader, RECEIVED_PROFILES_LIST } from '../../trust/authors.ts';
import { createStatusPost } from './StatusPost.tsx';

const T0 = 1_700_000_000_000;
const view: SessionView = {
  key: 'agent:main:x',
  sessionId: 's',
  agent: 'main',
  label: 'main',
  state: 'active',
  turn: 1,
  startedAt: T0,
  lastActivityAt: T0,
  tokens: 0,
  compactions: 0,
  lines: [{ kind: 'text', id: 't', text: 'Reading the code', at: T0 }],
};

type Profiles = Record<string, { id: string; username: string; is_bot?: boolean }>;
function hostStore(profiles: Profiles): HostStore {
  return createStore(
    (
      state: { entities: { users: { profiles: Profiles } } } | undefined,
      action: { type: string; data?: Profiles[string][] },
    ) => {
      const s = state ?? { entities: { users: { profiles } } };
      if (action.type !== RECEIVED_PROFILES_LIST || !action.data) return s;
      const next = { ...s.entities.users.profiles };
      for (const u of action.data) next[u.id] = u;
      return { entities: { users: { profiles: next } } };
    },
  ) as unknown as HostStore;
}

// The clock is driven by hand: one interval, fired by the test.
function handTicker(start: number): { ticker: Ticker; advance(ms: number): void } {
  let now = start;
  let fire: (() => void) | undefined;
  const ticker = createTicker({
    now: () => now,
    scheduler: {
      setInterval: (fn) => {
        fire = fn;
        return 1;
      },
      clearInterval: () => {
        fire = undefined;
      },
    },
  });
  return {
    ticker,
    advance(ms) {
      now += ms;
      act(() => fire?.());
    },
  };
}

const requested: string[] = [];
const authors: AuthorLoader = { request: (id) => void requested.push(id), dispose() {} };

function post(over: Partial<HostPost> = {}): HostPost {
  return {
    id: 'p1',
    user_id: 'bot',
    channel_id: 'c',
    type: 'custom_livestatus',
    message: '[ACTIVE] main (plain fallback)',
    props: { livestatus: toProps(view), from_bot: 'true' },
    ...over,
  };
}

afterEach(() => {
  cleanup();
  requested.length = 0;
});

describe('LiveStatusPost', () => {
  it('draws a bot post as a live box whose elapsed time ticks on the shared clock', () => {
    const clock = handTicker(T0 + 38_000);
    const Post = createStatusPost({
      hostStore: hostStore({ bot: { id: 'bot', username: 'b', is_bot: true } }),
      ticker: clock.ticker,
      authors,
    });
    render(<Post post={post()} />);
    expect(screen.getByTestId('livestatus-live').textContent).toContain('[ACTIVE] main | 38s');
    expect(clock.ticker.size()).toBe(1);
    clock.advance(2_000);
    expect(screen.getByTestId('livestatus-live').textContent).toContain('main | 40s');
  });

  it('shows a post by a person as plain text, whatever props.from_bot says', () => {
    const clock = handTicker(T0);
    const Post = createStatusPost({
      hostStore: hostStore({ alice: { id: 'alice', username: 'alice' } }),
      ticker: clock.ticker,
      authors,
    });
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const { container } = render(<Post post={post({ user_id: 'alice', message: hostile })} />);
    expect(screen.queryByTestId('livestatus-live')).toBeNull();
    expect(screen.getByTestId('livestatus-plain').textContent).toBe(hostile);
    expect(container.querySelector('img')).toBeNull();
    expect(clock.ticker.size()).toBe(0);
  });

  it('falls back to text for a bot post whose props do not validate', () => {
    const clock = handTicker(T0);
    const Post = createStatusPost({
      hostStore: hostStore({ bot: { id: 'bot', username: 'b', is_bot: true } }),
      ticker: clock.ticker,
      authors,
    });
    render(<Post post={post({ props: { livestatus: { v: 2, k: 'x' }, from_bot: 'true' } })} />);
    expect(screen.getByTestId('livestatus-plain').textContent).toBe('[ACTIVE] main (plain fallback)');
  });

  it('asks for an unknown author and turns live once the profile arrives', () => {
    const clock = handTicker(T0 + 1_000);
    const store = hostStore({});
    const Post = createStatusPost({ hostStore: store, ticker: clock.ticker, authors });
    render(<Post post={post()} />);
    expect(screen.getByTestId('livestatus-plain')).toBeTruthy();
    expect(requested).toEqual(['bot']);
    act(
      () =>
        void store.dispatch({
          type: RECEIVED_PROFILES_LIST,
          data: [{ id: 'bot', username: 'b', is_bot: true }],
        }),
    );
    expect(screen.getByTestId('livestatus-live')).toBeTruthy();
  });

  it('says plainly when an active box has had no update for a long time', () => {
    const clock = handTicker(T0 + 6 * 60_000);
    const Post = createStatusPost({
      hostStore: hostStore({ bot: { id: 'bot', username: 'b', is_bot: true } }),
      ticker: clock.ticker,
      authors,
    });
    render(<Post post={post({ update_at: T0 })} />);
    expect(screen.getByTestId('livestatus-live').getAttribute('data-state')).toBe('stalled');
    expect(screen.getByRole('status').textContent).toContain('no update for 6m00s');
  });
});
