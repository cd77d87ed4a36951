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
export type * from './types.ts';
