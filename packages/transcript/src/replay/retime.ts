// Moves a recorded run into the present. The fixtures were written hours or days ago; replayed
// verbatim, every elapsed time and quiet note would read "3h" and duration caps would end a turn
// at once. Shifting the transcript's own clocks by the same offset as the registry keeps the
// run's real rhythm while making it look live (demo, TUI --demo, end-to-end tests).

/** Shifts `timestamp` (ISO) and `message.timestamp` (epoch ms) of one transcript entry. */
export function retimeEntry(entry: Record<string, unknown>, offsetMs: number): Record<string, unknown> {
  const out: Record<string, unknown> = { ...entry };
  if (typeof out.timestamp === 'string') {
    const t = Date.parse(out.timestamp);
    if (Number.isFinite(t)) out.timestamp = new Date(t + offsetMs).toISOString();
  }
  const message = out.message;
  if (typeof message === 'object' && message !== null && !Array.isArray(message)) {
    const m = { ...(message as Record<string, unknown>) };
    if (typeof m.timestamp === 'number') m.timestamp = m.timestamp + offsetMs;
    out.message = m;
  }
  return out;
}

/** Retimes every JSON line of a transcript chunk; anything that is not a JSON object stays byte-exact. */
export function retimeTranscriptText(text: string, offsetMs: number): string {
  if (offsetMs === 0) return text;
  let out = '';
  let from = 0;
  while (from < text.length) {
    const nl = text.indexOf('\n', from);
    const end = nl < 0 ? text.length : nl + 1;
    const chunk = text.slice(from, end);
    const body = chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk;
    out += retimeLine(body, offsetMs) + chunk.slice(body.length);
    from = end;
  }
  return out;
}

/** One line (no newline) retimed, or returned unchanged when it is not a JSON object. */
export function retimeLine(line: string, offsetMs: number): string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return line;
  return JSON.stringify(retimeEntry(value as Record<string, unknown>, offsetMs));
}
