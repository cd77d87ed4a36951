// Where the real OpenClaw fixtures live, and which of them can be replayed. The directory is found
// relative to this module, or — when the module was bundled elsewhere (bench runner, app bundles)
// — by walking up from the bundle and the working directory to the repository checkout.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RELATIVE = path.join('packages', 'transcript', 'test-data', 'openclaw');

function findFixturesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const direct = path.resolve(here, '..', '..', 'test-data', 'openclaw');
  if (existsSync(path.join(direct, 'README.md'))) return direct;
  for (const start of [here, process.cwd()]) {
    let dir = start;
    for (;;) {
      const candidate = path.join(dir, RELATIVE);
      if (existsSync(path.join(candidate, 'README.md'))) return candidate;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return direct;
}

/** Absolute path of `packages/transcript/test-data/openclaw` (the real OpenClaw fixtures). */
export const fixturesDir: string = findFixturesDir();

export type ReplayScenario =
  | 'v2026.7.35-gateway'
  | 'v2026.7.35-local-basic'
  | 'v2026.7.35-local-probe'
  | 'v2026.9.6-sqlite-local-basic'
  | 'v2026.9.6-sqlite-gateway-subagent';

export interface ReplayScenarioInfo {
  name: ReplayScenario;
  era: 'jsonl' | 'sqlite';
  description: string;
}

/** The bundled scenarios, each a real OpenClaw run. */
export const replayScenarios: readonly ReplayScenarioInfo[] = [
  {
    name: 'v2026.7.35-gateway',
    era: 'jsonl',
    description:
      'gateway: sub-agent parent+child, slow thread run with compaction, 75 KB tool output, provider 500',
  },
  {
    name: 'v2026.7.35-local-basic',
    era: 'jsonl',
    description: 'thread session: parallel tools, failing exec, unicode write',
  },
  { name: 'v2026.7.35-local-probe', era: 'jsonl', description: 'smallest transcript (text only)' },
  {
    name: 'v2026.9.6-sqlite-local-basic',
    era: 'sqlite',
    description: 'SQLite era: tools, failing exec with isError:false',
  },
  {
    name: 'v2026.9.6-sqlite-gateway-subagent',
    era: 'sqlite',
    description: 'SQLite era: nested sessions_spawn sub-agent, one zstd-compressed row',
  },
];

export function scenarioInfo(name: string): ReplayScenarioInfo {
  const info = replayScenarios.find((s) => s.name === name);
  if (!info)
    throw new Error(
      `unknown replay scenario "${name}" (known: ${replayScenarios.map((s) => s.name).join(', ')})`,
    );
  return info;
}
