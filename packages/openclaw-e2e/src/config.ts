// The isolated OpenClaw set-up of one run: its own HOME (OpenClaw keeps its state in
// `<home>/.openclaw`), a config that only knows the scripted model, and an environment that
// keeps OpenClaw on loopback (no mDNS, no update checks, no model-catalog refresh, no proxy).

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { envWithNode } from './node.ts';
import { eraOf, type OpenClawVersion } from './versions.ts';

export const GATEWAY_TOKEN = 'local-test-token';

export interface ConfigOptions {
  version: OpenClawVersion;
  home: string;
  /** The scripted model's base URL (`…/v1`). */
  modelUrl: string;
  /** The gateway port the config names; the agent CLI connects to it. Default 18789. */
  gatewayPort?: number;
  gatewayToken?: string;
}

/** `<home>/.openclaw`: what Live Status calls the OpenClaw state directory. */
export function stateDirOf(home: string): string {
  return join(home, '.openclaw');
}

export function openClawConfig(options: ConfigOptions): Record<string, unknown> {
  const models: Record<string, unknown> = {
    mode: 'replace',
    providers: {
      fake: {
        baseUrl: options.modelUrl,
        apiKey: 'fake-key',
        api: 'openai-completions',
        models: [
          {
            id: 'fake-model',
            name: 'Fake Model',
            reasoning: true,
            input: ['text'],
            cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
            contextWindow: 200000,
            maxTokens: 8192,
          },
        ],
      },
    },
  };
  // 9.x refreshes a remote model catalog at start; off keeps every run loopback-only.
  if (eraOf(options.version) === 'sqlite') models.catalogRefresh = { enabled: false };
  return {
    agents: {
      defaults: { model: { primary: 'fake/fake-model' }, workspace: join(options.home, 'workspace') },
    },
    models,
    update: { checkOnStart: false },
    discovery: { mdns: { mode: 'off' } },
    gateway: {
      mode: 'local',
      bind: 'loopback',
      port: options.gatewayPort ?? 18789,
      auth: { mode: 'token', token: options.gatewayToken ?? GATEWAY_TOKEN },
    },
  };
}

/** Writes `<home>/.openclaw/openclaw.json` (and the agent workspace); returns the state dir. */
export async function writeOpenClawConfig(options: ConfigOptions): Promise<string> {
  const stateDir = stateDirOf(options.home);
  await mkdir(stateDir, { recursive: true });
  await mkdir(join(options.home, 'workspace'), { recursive: true });
  await writeFile(join(stateDir, 'openclaw.json'), `${JSON.stringify(openClawConfig(options), null, 2)}\n`);
  return stateDir;
}

// Only what a login shell would have: the test runner's own variables (VITEST, NODE_ENV=test,
// TEST) make OpenClaw behave like its own test suite (no CLI output), and the caller's
// OPENCLAW_*/XDG_* locations or proxies must not leak into the isolated run.
const PASSED_THROUGH = /^(PATH|USER|LOGNAME|SHELL|LANG|LANGUAGE|LC_[A-Z]+|TZ|TMPDIR|TERM)$/;

/** The environment every OpenClaw process of a run gets. */
export function openClawEnv(nodeBin: string, home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (PASSED_THROUGH.test(name)) base[name] = value;
  return envWithNode(nodeBin, base, {
    HOME: home,
    OPENCLAW_DISABLE_BONJOUR: '1',
    OPENCLAW_NO_AUTO_UPDATE: '1',
    NO_COLOR: '1',
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    ...extra,
  });
}
