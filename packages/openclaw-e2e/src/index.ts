// Real OpenClaw for end-to-end tests: install it once into a cache, script its model on
// loopback, run turns embedded or through a long-lived gateway, and read back what it wrote.

export type { AgentResult, AgentTurn } from './agent-cli.ts';
// Isolated config + environment of one OpenClaw HOME
export { GATEWAY_TOKEN, openClawConfig, stateDirOf, writeOpenClawConfig } from './config.ts';
// A gateway kept up across turns (for a watcher following its state dir)
export { type Gateway, type GatewayOptions, type IdleOptions, startGateway } from './gateway.ts';
// Cached install of the real `openclaw` npm package (Node 24, outside the workspace)
export { defaultCacheDir, type EnsureOptions, ensureOpenClaw, type OpenClawInstall } from './install.ts';
// A loopback port the OS picked (for any test server: gateway, daemon health, demo)
export { freeLoopbackPort } from './ports.ts';
// One turn: embedded, or through a gateway started for it
export { type RunOptions, type RunResult, runOpenClaw } from './run.ts';
export {
  plan as planScriptedReply,
  type ScenarioName,
  type ScriptedReply,
} from './scripted-model/scenarios.ts';
// Scripted OpenAI-compatible model on 127.0.0.1 (SSE), conversations picked by `[scenario:<name>]`
export {
  type ModelRequest,
  type ScriptedModel,
  type ScriptedModelOptions,
  startScriptedModel,
} from './scripted-model/server.ts';
// What OpenClaw wrote (sessions.json + JSONL, or the agent SQLite DB), re-read on each call
export { readWrittenState, type WrittenSession, type WrittenState } from './state.ts';
// Versions and their storage era
export {
  eraOf,
  OPENCLAW_VERSIONS,
  type OpenClawVersion,
  type StorageEra,
  subagentScenario,
} from './versions.ts';
