import { describe, expect, it } from 'vitest';
import { nextSendAt } from './pacer.ts';

describe('nextSendAt', () => {
  it('sends the leading edge at once', () => {
    expect(nextSendAt({ now: 1000, lastSentAt: null, throttleMs: 500, urgent: false })).toBe(1000);
    expect(nextSendAt({ now: 1000, lastSentAt: 200, throttleMs: 500, urgent: false })).toBe(1000);
  });
  it('holds updates inside the window until its trailing edge', () => {
    expect(nextSendAt({ now: 1100, lastSentAt: 1000, throttleMs: 500, urgent: false })).toBe(1500);
  });
  it('never holds a terminal state', () => {
    expect(nextSendAt({ now: 1100, lastSentAt: 1000, throttleMs: 500, urgent: true })).toBe(1100);
  });
});
