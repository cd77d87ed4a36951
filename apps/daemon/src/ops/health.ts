// The daemon's health as data (pure): JSON for GET /health and Prometheus text for GET /metrics.
// Built from counters and stats only, so no secret can reach it.
import type { Counters } from './metrics.ts';

export interface HealthSnapshot {
  status: 'ok' | 'degraded' | 'starting' | 'stopping';
  uptimeS: number;
  version: string;
  storage: { era: string; paths: string[] };
  sessions: { active: number; tracked: number; queued: number };
  mode: 'plugin' | 'rest';
  pluginDetected: boolean | null;
  circuit: 'closed' | 'open' | 'half-open';
  rateLimitedUntil: number | null;
  counters: Counters;
  lastError: { at: string; message: string } | null;
}

const HELP: Record<keyof Counters, string> = {
  postsCreated: 'Status posts created',
  postEdits: 'Status post edits (patches)',
  requests: 'HTTP requests sent to Mattermost',
  requestErrors: 'Failed Mattermost requests',
  rateLimitWaits: 'Times a 429 paused all requests',
  boxesGone: 'Boxes abandoned (post deleted or refused)',
  lostCreatesRecovered: 'Creates whose lost answer was recovered without a duplicate',
  sourceProblems: 'Non-fatal problems reading OpenClaw state',
};

function snake(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function toPrometheus(h: HealthSnapshot): string {
  const out: string[] = [];
  const gauge = (name: string, help: string, value: number, labels = '') => {
    out.push(
      `# HELP livestatus_${name} ${help}`,
      `# TYPE livestatus_${name} gauge`,
      `livestatus_${name}${labels} ${value}`,
    );
  };
  gauge('up', 'Daemon running', 1, `{version="${h.version}",mode="${h.mode}"}`);
  gauge('uptime_seconds', 'Seconds since start', h.uptimeS);
  gauge('sessions_active', 'Live status boxes', h.sessions.active);
  gauge('sessions_tracked', 'Sessions known to the daemon', h.sessions.tracked);
  gauge('sessions_queued', 'Boxes waiting for a MAX_ACTIVE_SESSIONS slot', h.sessions.queued);
  gauge(
    'circuit_open',
    'Circuit breaker open (1) or half-open (0.5)',
    h.circuit === 'open' ? 1 : h.circuit === 'half-open' ? 0.5 : 0,
  );
  gauge('plugin_mode', 'Posting in plugin mode', h.mode === 'plugin' ? 1 : 0);
  for (const [k, v] of Object.entries(h.counters) as Array<[keyof Counters, number]>) {
    const name = `${snake(k)}_total`;
    out.push(
      `# HELP livestatus_${name} ${HELP[k]}`,
      `# TYPE livestatus_${name} counter`,
      `livestatus_${name} ${v}`,
    );
  }
  return `${out.join('\n')}\n`;
}
