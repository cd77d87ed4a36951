// Data contracts

// Entries: one transcript line (or SQLite event_json) -> a small typed TranscriptEntry
export { parseEntry, parseEntryValue } from './core/parse-entry.ts';
export { agentFromKey, isSubagentKey, threadFromKey } from './core/session-key.ts';
// Registry: sessions.json text / SQLite rows -> SessionRecord[]; session key helpers
export {
  parseSessionsJson,
  resolveTranscriptPath,
  type SessionsJsonContext,
  type SessionsJsonResult,
} from './core/sessions-json.ts';
export { recordsFromSqliteRows, type SqliteRegistryRows } from './core/sqlite-rows.ts';
// Tool labels: built-in rules (src/labels/tool-labels.json), overridable by TOOL_LABELS_FILE contents
export { createLabeler, LABEL_MAX, type Labeler, type LabelHints } from './labels/labeler.ts';
// Replay: real OpenClaw runs written into a temp state dir the way OpenClaw writes them
export {
  fixturesDir,
  type ReplayScenario,
  type ReplayScenarioInfo,
  replayScenarios,
} from './replay/fixtures.ts';
export { writeSessionsJsonAtomic } from './replay/jsonl-replay.ts';
export { type ReplayOptions, replayFixture } from './replay/replay-fixture.ts';
export { prepareSqliteReplay, type SqliteReplay, type SqliteReplayStep } from './replay/sqlite-replay.ts';
// Sources (the only I/O): one SessionSource over every agent of an OpenClaw state directory,
// JSONL era or SQLite era detected per agent, or explicit paths; read-only, history read bounded
export { createSessionSource } from './sources/create-session-source.ts';
export { type AgentLayout, discoverAgents } from './sources/discover.ts';
export type { SessionSourceOptions } from './sources/session-source.ts';
export type { SourceClock } from './sources/source-clock.ts';
export { resolveStateDir, type StateDirEnv } from './sources/state-dir.ts';
export type * from './types.ts';
