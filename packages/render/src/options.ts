// What every frontend chooses about a box. `now` is required: hosts never read the clock, so the
// same view and options always draw the same box.

export interface RenderOptions {
  /** Epoch ms used for the elapsed time of live turns and quiet time. */
  now: number;
  /** Body lines kept, newest first; older ones are counted in an "N earlier lines" marker. Default 15. */
  maxLines?: number;
  /** Cap of the whole text/Markdown output in code points. Default 15000 (MAX_MESSAGE_CHARS). */
  maxChars?: number;
  /** Cap of one line of agent text in code points. Default 200. */
  maxLineChars?: number;
  /** Draw sub-agents with their lines (true) or as one summary line (false). Default true. */
  expandSubagents?: boolean;
  /** Show tool details ("exit 1", "24 ms") after the status marker. Default false. */
  expandTools?: boolean;
  /** One-line sub-agents, no tool details, tokens in the header instead of a footer line. */
  compact?: boolean;
}

export type ResolvedOptions = Required<RenderOptions>;

export const DEFAULT_MAX_LINES = 15;
export const DEFAULT_MAX_CHARS = 15_000;
export const DEFAULT_MAX_LINE_CHARS = 200;
/** Sub-agents nested deeper than this are drawn as one summary line. */
export const MAX_SUBAGENT_DEPTH = 3;

function bounded(value: number | undefined, fallback: number, min: number): number {
  return value === undefined || !Number.isFinite(value) ? fallback : Math.max(min, Math.floor(value));
}

export function resolveOptions(options: RenderOptions): ResolvedOptions {
  const compact = options.compact ?? false;
  return {
    now: Number.isFinite(options.now) ? options.now : 0,
    maxLines: bounded(options.maxLines, DEFAULT_MAX_LINES, 0),
    maxChars: bounded(options.maxChars, DEFAULT_MAX_CHARS, 1),
    maxLineChars: bounded(options.maxLineChars, DEFAULT_MAX_LINE_CHARS, 8),
    expandSubagents: !compact && (options.expandSubagents ?? true),
    expandTools: !compact && (options.expandTools ?? false),
    compact,
  };
}
