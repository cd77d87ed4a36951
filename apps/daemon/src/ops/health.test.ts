import { describe, expect, it } from 'vitest';
import { type HealthSnapshot, toPrometheus } from './health.ts';
import { newCounters } from './metrics.ts';

const snap: HealthSnapshot = {
  status: 'ok',
  uptimeS: 12,
  version: '0.1.0',
  storage: { era: 'jsonl', paths: ['/x'] },
  sessions: { active: 2, tracked: 5, queued: 1 },
  mode: 'plugin',
  pluginDetected: true,
  circuit: 'open',
  rateLimitedUntil: null,
  counters: { ...newCounters(), postsCreated: 3 },
  lastError: null,
};

describe('toPrometheus', () => {
  it('exposes gauges and counters in the text format', () => {
    const text = toPrometheus(snap);
    expect(text).toContain('# TYPE livestatus_posts_created_total counter\nlivestatus_posts_created_total 3');
    expect(text).toContain('livestatus_sessions_queued 1');
    expect(text).toContain('livestatus_circuit_open 1');
    for (const line of text.trim().split('\n')) {
      expect(line).toMatch(/^(# (HELP|TYPE) livestatus_\w+ .+|livestatus_\w+(\{[^}]*\})? [\d.]+)$/);
    }
  });
});
