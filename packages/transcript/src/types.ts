// The data contracts of Live Status. Everything downstream (render hosts, daemon, TUI, webapp)
// depends on these shapes, so they are plain JSON-serialisable data: the daemon writes a
// SessionView into post props and the webapp reads it back.

// ---------------------------------------------------------------------------------------------
// Transcript entries (one JSONL line, or one `transcript_events` row in the SQLite era)
// ---------------------------------------------------------------------------------------------

export type StopReason = 'stop' | 'length' | 'toolUse' | 'error' | 'aborted';

export interface Usage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  totalTokens: number;
  /** USD, where the model reports prices. */
  cost?: number;
}

export type AssistantBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking' }
  | {
      type: 'toolCall';
      id: string;
      name: string;
      /** Arguments; top-level strings longer than a bound are cut (their size is in `argBytes`). */
      arguments: Record<string, unknown>;
      /** UTF-8 byte length of top-level string arguments the parser cut (e.g. a large `write` content). */
      argBytes?: Record<string, number>;
    }
  | { type: 'image' }
  | { type: 'unknown'; raw: unknown };

export interface UserMessage {
  role: 'user';
  text: string;
  timestamp?: number;
}
export interface AssistantMessage {
  role: 'assistant';
  content: AssistantBlock[];
  stopReason?: StopReason | string;
  usage?: Usage;
  model?: string;
  provider?: string;
  errorMessage?: string;
  timestamp?: number;
}
export interface ToolResultMessage {
  role: 'toolResult';
  toolCallId: string;
  toolName: string;
  /** First text block, bounded (never the whole 64 KB output). */
  text: string;
  details?: Record<string, unknown>;
  isError: boolean;
  timestamp?: number;
  /** sessions_spawn: the child's session key (from details, 9.x nested details, or the JSON text). */
  childSessionKey?: string;
}
/** 9.x `openclaw.nested-tool.v1`: the inner tool behind a `tool_call` wrapper. */
export interface NestedToolCall {
  /** The outer `tool_call` toolCall id. */
  parentToolCallId: string;
  toolCallId?: string;
  toolName: string;
  /** Inner tool arguments (bounded like toolCall arguments). */
  input: Record<string, unknown>;
  isError?: boolean;
  exitCode?: number;
  childSessionKey?: string;
}
export interface CustomRoleMessage {
  role: 'custom';
  customType: string;
  details?: Record<string, unknown>;
  timestamp?: number;
  nestedTool?: NestedToolCall;
}
export interface OtherRoleMessage {
  role: 'other';
  originalRole: string;
}
export type AgentMessage =
  | UserMessage
  | AssistantMessage
  | ToolResultMessage
  | CustomRoleMessage
  | OtherRoleMessage;

interface EntryBase {
  /** Entry id (8 hex chars in 7.x, UUID in 9.x); the header carries the session id here. */
  id: string;
  parentId: string | null;
  /** Epoch ms of the entry's ISO timestamp (0 when absent or unparseable). */
  timestamp: number;
}

export type TranscriptEntry =
  | (EntryBase & { type: 'session'; version: number; cwd?: string; parentSession?: string })
  | (EntryBase & { type: 'message'; message: AgentMessage })
  | (EntryBase & { type: 'model_change'; provider?: string; modelId?: string })
  | (EntryBase & { type: 'thinking_level_change'; thinkingLevel?: string })
  | (EntryBase & { type: 'custom'; customType: string; data?: unknown })
  | (EntryBase & { type: 'compaction'; summary?: string; firstKeptEntryId?: string; tokensBefore?: number })
  | (EntryBase & { type: 'custom_message'; customType: string; display?: boolean; text: string })
  | (EntryBase & { type: 'branch_summary'; fromId?: string; summary?: string })
  | (EntryBase & { type: 'label'; targetId?: string; label?: string })
  | (EntryBase & { type: 'session_info'; name?: string })
  | (EntryBase & { type: 'unknown'; originalType: string; raw: unknown });

export type ParseResult = { ok: true; entry: TranscriptEntry } | { ok: false; error: string };

// ---------------------------------------------------------------------------------------------
// Registry (sessions.json, or session_nodes/session_windows/conversations)
// ---------------------------------------------------------------------------------------------

export type RunStatus = 'running' | 'done' | 'failed' | 'killed' | 'timeout' | null;

export interface MattermostTarget {
  /** `channel:<id>` in the registry → channel id. */
  channelId?: string;
  /** `user:<id>` in the registry → DM with this user (channel resolved by the daemon). */
  dmUserId?: string;
  /** Thread root post id (post the box with `root_id`). */
  rootId?: string;
  /** OpenClaw account id (selects the bot). */
  accountId?: string;
}

export interface SessionRecord {
  key: string;
  sessionId: string;
  agent: string;
  /** sessions_spawn label, session_info name or display name; may be absent. */
  label?: string;
  status: RunStatus;
  startedAt?: number;
  endedAt?: number;
  updatedAt?: number;
  /** Parent session key for sub-agents (spawnedBy / parent_session_key). */
  parentKey?: string;
  /** Where the transcript lives. */
  transcript: { kind: 'jsonl'; path: string } | { kind: 'sqlite'; dbPath: string; sessionId: string };
  mattermost?: MattermostTarget;
  /** Free-form origin for display (e.g. "webchat", "mattermost:#town-square"). */
  origin?: string;
}

// ---------------------------------------------------------------------------------------------
// The session view (what every frontend draws)
// ---------------------------------------------------------------------------------------------

export type TurnState = 'active' | 'done' | 'error' | 'interrupted';
export type ToolStatus = 'pending' | 'ok' | 'error';

export interface TextLine {
  kind: 'text';
  id: string;
  /** First line of an assistant text block, unredacted agent text (hosts sanitise). */
  text: string;
  at: number;
}

export interface ToolLine {
  kind: 'tool';
  /** toolCallId */
  id: string;
  /** Tool shown (9.x `tool_call` → inner tool). */
  tool: string;
  /** Status-line label from tool labels, one line, bounded. */
  label: string;
  status: ToolStatus;
  at: number;
  endedAt?: number;
  /** Short detail for expanded tool view (e.g. "exit 1", "24 ms"); never raw output. */
  detail?: string;
  /** For sessions_spawn: the child session key, once the result names it. */
  childKey?: string;
  /** Filled by `nestSubagents` from the child's own view. */
  subagent?: SubagentView;
}

export interface NoteLine {
  kind: 'note';
  id: string;
  note: 'compacted' | 'error';
  text: string;
  at: number;
}

export type ViewLine = TextLine | ToolLine | NoteLine;

export interface SubagentView {
  key: string;
  label: string;
  state: TurnState;
  startedAt: number;
  endedAt?: number;
  lines: ViewLine[];
  tokens: number;
  cost?: number;
}

export interface SessionView {
  key: string;
  sessionId: string;
  agent: string;
  /** What the header shows: label, else agent. */
  label: string;
  state: TurnState;
  /** Turn counter within this session (1-based); a new turn starts a new box. */
  turn: number;
  startedAt: number;
  endedAt?: number;
  lastActivityAt: number;
  /**
   * Set by `tick` once nothing has arrived for 30 s while active: `sinceMs` is the epoch ms of the
   * last activity, `forMs` how long it had been quiet at that tick (whole seconds), `doing` what it
   * waits on ("running exec", "waiting for the model"): a header shows "running exec for 2m10s".
   */
  quiet?: { sinceMs: number; forMs?: number; doing?: string };
  /** Newest lines of the turn (bounded; older ones are counted in `droppedLines`). */
  lines: ViewLine[];
  /** Lines dropped from the front of `lines` to keep the view bounded. */
  droppedLines?: number;
  /** Id of the last transcript entry applied (the active leaf). */
  leafId?: string;
  /** Sum of the turn's assistant usage.totalTokens. */
  tokens: number;
  /** Sum of usage.cost.total where reported. */
  cost?: number;
  model?: string;
  /** Provider error message when state is error. */
  error?: string;
  compactions: number;
}

// ---------------------------------------------------------------------------------------------
// Sources (the only I/O of this package): both storage eras behind one interface
// ---------------------------------------------------------------------------------------------

export type StorageEra = 'jsonl' | 'sqlite';

/** One change observed by a source. Entries are new since the last change of that session. */
export interface SessionChange {
  agent: string;
  key: string;
  /** The latest registry record, when the registry knows this session. */
  record?: SessionRecord;
  /** New entries in transcript order (already de-duplicated by entry id). */
  entries: TranscriptEntry[];
  /** The transcript was rewritten in place or rotated: `entries` continue after a re-read. */
  rewritten?: boolean;
  /** The session left the registry. */
  removed?: boolean;
  /** Lock file present (JSONL era) — the earliest sign a run is writing. */
  writerActive?: boolean;
}

export interface SourceStats {
  era: StorageEra | 'mixed' | 'none';
  paths: string[];
  sessionsTracked: number;
  bytesRead: number;
  malformedLines: number;
  lastError?: string;
}

export interface SessionSource {
  /** Discover, read recent history (bounded) and begin following. Resolves once the initial state was emitted. */
  start(): Promise<void>;
  close(): Promise<void>;
  /** Subscribe to changes; returns the unsubscribe function. */
  onChange(listener: (change: SessionChange) => void): () => void;
  /** Non-fatal problems (torn registry, malformed lines, SQLITE_BUSY retries exhausted...). */
  onProblem(listener: (problem: { message: string; path?: string }) => void): () => void;
  stats(): SourceStats;
}
