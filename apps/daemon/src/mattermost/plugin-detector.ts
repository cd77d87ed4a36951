// Plugin mode or REST fallback? Asks Mattermost which webapp plugins are active, at start and
// every 60 s. A failed check keeps the previous answer: an outage is not a reason to change how
// posts look.

import type { Timers } from '../boxes/box-manager.ts';
import type { Mode } from '../boxes/post-content.ts';
import { PLUGIN_ID } from '../boxes/post-content.ts';
import type { Log } from '../ops/metrics.ts';
import type { MattermostClient } from './client.ts';

export interface PluginDetector {
  check(): Promise<Mode>;
  start(): void;
  stop(): void;
  detected(): boolean | undefined;
}

export function createPluginDetector(o: {
  client: Pick<MattermostClient, 'getWebappPluginIds'>;
  enabled: boolean;
  intervalMs: number;
  timers: Timers;
  log: Log;
  onMode: (mode: Mode) => void;
}): PluginDetector {
  let detected: boolean | undefined;
  let timer: unknown;
  async function check(): Promise<Mode> {
    if (!o.enabled) {
      o.onMode('rest');
      return 'rest';
    }
    try {
      const ids = await o.client.getWebappPluginIds();
      const now = ids.includes(PLUGIN_ID);
      if (now !== detected) o.log.info({ plugin: PLUGIN_ID, active: now }, 'webapp plugin check');
      detected = now;
    } catch (err) {
      o.log.warn({ error: (err as Error).message }, 'webapp plugin check failed; keeping the current mode');
    }
    const mode: Mode = detected ? 'plugin' : 'rest';
    o.onMode(mode);
    return mode;
  }
  return {
    check,
    start() {
      const loop = () => {
        timer = o.timers.setTimeout(() => void check().finally(loop), o.intervalMs);
      };
      loop();
    },
    stop() {
      if (timer !== undefined) o.timers.clearTimeout(timer);
    },
    detected: () => detected,
  };
}
