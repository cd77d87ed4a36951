// @livestatus/transcript — OpenClaw sessions -> SessionView. Data contracts: types.ts (last line).
//
// Pure core (src/core, src/labels, src/tracker — no I/O, clock injected):
//   parseEntry/parseEntryValue   one transcript line or SQLite event_json -> small typed TranscriptEntry
//   parseSessionsJson, recordsFromSqliteRows   registry (sessions.json / SQLite rows) -> SessionRecord[]
//   createSessionsJsonReader      sessions.json re-read incrementally: only changed entries parsed
//   initialView, reduce, tick, nestSubagents   entries + time -> the current turn's SessionView
//   createLabeler                 tool-call status labels (built-in JSON, TOOL_LABELS_FILE overrides)
//   createTracker                 SessionChanges + ticks -> one box per (key, turn): turn-start/update/end
export { nestSubagents } from './core/nest.ts';
export { parseEntry, parseEntryValue } from './core/parse-entry.ts';
export { COMPACTED_NOTE, noteCompacted, type ReduceContext, reduce, TEXT_LINE_MAX } from './core/reduce.ts';
export { agentFromKey, isSubagentKey, threadFromKey } from './core/session-key.ts';
export {
  parseSessionsJson,
  resolveTranscriptPath,
  type SessionsJsonContext,
  type SessionsJsonResult,
} from './core/sessions-json.ts';
export { createSessionsJsonReader, type SessionsJsonReader } from './core/sessions-json-reader.ts';
export { recordsFromSqliteRows, type SqliteRegistryRows } from './core/sqlite-rows.ts';
export { QUIET_AFTER_MS, type TickOptions, tick } from './core/tick.ts';
export { endTurn, initialView, MAX_VIEW_LINES, startTurn, type ViewInit } from './core/view.ts';
export { createLabeler, LABEL_MAX, type Labeler, type LabelHints } from './labels/labeler.ts';
// Replay: real OpenClaw runs written into a temp state dir the way OpenClaw writes them
export {
  fixturesDir,
  type ReplayScenario,
  type ReplayScenarioInfo,
  replayScenarios,
} from './replay/fixtures.ts';
export { type ReplayOptions, replayFixture } from './replay/replay-fixture.ts';
export { createSessionsJsonWriter, writeSessionsJsonAtomic } from './replay/sessions-json-writer.ts';
export { prepareSqliteReplay, type SqliteReplay, type SqliteReplayStep } from './replay/sqlite-replay.ts';
// Sources (the only I/O): one SessionSource over every agent of an OpenClaw state directory,
// JSONL era or SQLite era detected per agent, or explicit paths; read-only, history read bounded
export { createSessionSource } from './sources/create-session-source.ts';
export { type AgentLayout, discoverAgents } from './sources/discover.ts';
export type { SessionSourceOptions } from './sources/session-source.ts';
export type { SourceClock } from './sources/source-clock.ts';
export { resolveStateDir, type StateDirEnv } from './sources/state-dir.ts';
export {
  createTracker,
  type TrackedSession,
  type Tracker,
  type TrackerOptions,
  type TurnEvent,
} from './tracker/tracker.ts';
export type * from './types.ts';
