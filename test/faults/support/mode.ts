// Quick (default, part of `npm test`) or full (`npm run test:faults` sets LIVESTATUS_FAULTS=full):
// the same scenarios, with the long ones accelerated in quick mode.
export const FULL = process.env.LIVESTATUS_FAULTS === 'full';
export const IS_CI = process.env.CI === 'true' || process.env.CI === '1';

/** Outage length: the 60 s in full mode, 3 s with a 1 s breaker cooldown in quick mode. */
export const OUTAGE_MS = FULL ? 60_000 : 3_000;
export const BREAKER_COOLDOWN_S = FULL ? 30 : 1;
/** Soak length: LIVESTATUS_SOAK_S (default 1 h) in full mode, 20 s in quick mode. */
export const SOAK_MS = FULL ? Number(process.env.LIVESTATUS_SOAK_S ?? 3600) * 1000 : 20_000;
