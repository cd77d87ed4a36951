// The seed's wording for times, tokens and cost, shared by every host.

/** 38s, 2m10s, 1h05m. Negative or non-finite durations read as 0s. */
export function formatDuration(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  if (total < 60) return `${total}s`;
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  if (minutes < 60) return `${minutes}m${String(seconds).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  return `${hours}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** 850 tokens, 12.4k tokens, 1.2M tokens. */
export function formatTokens(tokens: number): string {
  const n = Number.isFinite(tokens) && tokens > 0 ? Math.round(tokens) : 0;
  if (n < 1000) return `${n} tokens`;
  if (n < 1_000_000) return `${trimZero((n / 1000).toFixed(1))}k tokens`;
  return `${trimZero((n / 1_000_000).toFixed(1))}M tokens`;
}

/** $0.0123 below a dollar, $1.23 above. */
export function formatCost(usd: number): string {
  return usd < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

function trimZero(s: string): string {
  return s.endsWith('.0') ? s.slice(0, -2) : s;
}
