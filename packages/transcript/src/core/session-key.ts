// OpenClaw session keys carry routing: `agent:<agentId>:<rest>`, threads end in `:thread:<rootId>`,
// sub-agents are `agent:<a>:subagent:<uuid>` (reference/openclaw.md §2.3).

/** The agent id of a session key (`agent:<a>:…` → `<a>`), or '' for keys without one (cron:, hook:). */
export function agentFromKey(key: string): string {
  if (!key.startsWith('agent:')) return '';
  const end = key.indexOf(':', 6);
  return end < 0 ? key.slice(6) : key.slice(6, end);
}

/** The thread root post id of a `…:thread:<rootId>` key (case kept: Mattermost ids are case-sensitive here). */
export function threadFromKey(key: string): string | undefined {
  const i = key.lastIndexOf(':thread:');
  if (i < 0) return undefined;
  const root = key.slice(i + 8);
  return root && !root.includes(':') ? root : undefined;
}

export function isSubagentKey(key: string): boolean {
  return /^agent:[^:]+:subagent:/.test(key);
}
