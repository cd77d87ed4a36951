import type { SessionView } from '@livestatus/transcript';
import { describe, expect, it } from 'vitest';
import { type Box, backoffMs, isDirty, isFinished, planRequest } from './box.ts';

const view = (state: SessionView['state']): SessionView => ({
  key: 'k',
  sessionId: 's',
  agent: 'main',
  label: 'main',
  state,
  turn: 1,
  startedAt: 0,
  lastActivityAt: 0,
  lines: [],
  tokens: 0,
  compactions: 0,
});
const box = (over: Partial<Box> = {}): Box => ({
  id: 'b1',
  key: 'k',
  turn: 1,
  routeText: 'channel:c',
  view: view('active'),
  version: 1,
  sentVersion: 0,
  lastSentAt: null,
  retryAt: 0,
  failures: 0,
  gone: false,
  queuedAt: 0,
  ...over,
});

describe('planRequest', () => {
  it('creates the post first', () => {
    expect(planRequest(box(), 'plugin')).toEqual({ kind: 'create', mode: 'plugin' });
  });
  it('looks for a create whose answer was lost before creating again', () => {
    expect(planRequest(box({ createStartedAt: 5 }), 'plugin')).toEqual({
      kind: 'find-lost-create',
      since: 5,
    });
  });
  it('patches only props while the state is unchanged in plugin mode', () => {
    const b = box({ postId: 'p', postMode: 'plugin', messageState: 'active' });
    expect(planRequest(b, 'plugin')).toMatchObject({ withMessage: false });
    expect(planRequest({ ...b, view: view('done') }, 'plugin')).toMatchObject({ withMessage: true });
  });
  it('keeps the same post but edits the message when the plugin disappears mid-turn', () => {
    const b = box({ postId: 'p', postMode: 'plugin', messageState: 'active' });
    expect(planRequest(b, 'rest')).toMatchObject({
      kind: 'patch',
      postId: 'p',
      withMessage: true,
    });
  });
  it('a REST-created post stays Markdown even when the plugin appears', () => {
    const b = box({ postId: 'p', postMode: 'rest', messageState: 'active' });
    expect(planRequest(b, 'plugin')).toMatchObject({ withMessage: true });
  });
});

describe('box bookkeeping', () => {
  it('is finished once its terminal state was delivered, or its post is gone', () => {
    expect(isFinished(box({ postId: 'p', view: view('done'), version: 3, sentVersion: 3 }))).toBe(true);
    expect(isFinished(box({ postId: 'p', view: view('done'), version: 3, sentVersion: 2 }))).toBe(false);
    expect(isFinished(box({ gone: true }))).toBe(true);
    expect(isDirty(box({ gone: true }))).toBe(false);
  });
  it('backs off exponentially up to 30 s', () => {
    expect(backoffMs(0)).toBe(250);
    expect(backoffMs(3)).toBe(2000);
    expect(backoffMs(20)).toBe(30_000);
  });
});
