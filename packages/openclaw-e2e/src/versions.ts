// The two OpenClaw releases the suite runs: the last JSONL + sessions.json release and a
// SQLite-era release (design §2). Everything version-specific hangs off this table.

export type OpenClawVersion = '2026.7.35' | '2026.9.6';

export type StorageEra = 'jsonl' | 'sqlite';

export const OPENCLAW_VERSIONS: readonly OpenClawVersion[] = ['2026.7.35', '2026.9.6'];

/** Which storage era a version writes. */
export function eraOf(version: OpenClawVersion): StorageEra {
  return version === '2026.7.35' ? 'jsonl' : 'sqlite';
}

/** The scenario tag whose sub-agent call fits the version's tool surface (9.x hides sessions_spawn behind tool_call). */
export function subagentScenario(version: OpenClawVersion): 'subagent' | 'subagent9' {
  return eraOf(version) === 'jsonl' ? 'subagent' : 'subagent9';
}

/** Lowest Node the version's `engines` accepts (both run on the repo's Node 24). */
export const MIN_NODE: Record<OpenClawVersion, readonly [number, number]> = {
  '2026.7.35': [24, 15],
  '2026.9.6': [24, 16],
};
