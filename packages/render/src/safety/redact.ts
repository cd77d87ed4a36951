// Secrets must never leave the host: agents echo commands, configs and errors, and any of them
// may carry a token. Patterns favour over-redaction (a commit hash shown as [REDACTED] costs
// little; a leaked key costs a lot).

export const REDACTED = '[REDACTED]';

const SECRET_NAME =
  '[A-Za-z0-9_.-]{0,40}(?:api[_-]?key|apikey|secret|token|passw(?:or)?d|pwd|passphrase|credentials?|auth(?:orization)?|private[_-]?key|access[_-]?key|session[_-]?key|client[_-]?secret|signature|cookie)[A-Za-z0-9_.-]{0,40}';

interface Rule {
  pattern: RegExp;
  replace: string | ((match: string, ...groups: string[]) => string);
}

const RULES: Rule[] = [
  // A PEM block, or what is left of one on a single line.
  {
    pattern: /-----BEGIN[A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END[A-Z ]*PRIVATE KEY-----|$)/g,
    replace: '[REDACTED PRIVATE KEY]',
  },
  // Authorization schemes.
  { pattern: /\b(Bearer|Basic|Token)(\s+)[A-Za-z0-9._~+/=-]{6,}/gi, replace: `$1$2${REDACTED}` },
  // Credentials in URLs: scheme://user:password@host
  { pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, replace: `$1${REDACTED}@` },
  // "apiKey": "…", api_key=…, password: …, --token …, TOKEN='…'
  {
    pattern: new RegExp(`(["']?)(${SECRET_NAME})\\1(\\s*[:=]\\s*|\\s+)(["']?)([^\\s"',;&}]+)\\4`, 'gi'),
    replace: (match, q1, name, sep, q2, value) =>
      // A bare word after a name ("token counts") is prose, not an assignment.
      /^\s+$/.test(sep) && !/^--?|^[A-Z_]+$/.test(name) && value.length < 16
        ? match
        : `${q1}${name}${q1}${sep}${q2}${REDACTED}${q2}`,
  },
  // Well-known token shapes.
  { pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b/g, replace: REDACTED },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, replace: REDACTED },
  { pattern: /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g, replace: REDACTED },
  { pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/g, replace: REDACTED },
  { pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replace: REDACTED },
  { pattern: /\bsk-(?:ant-|proj-|live-|test-)?[A-Za-z0-9_-]{16,}/g, replace: REDACTED },
  { pattern: /\b(?:AIza[0-9A-Za-z_-]{30,}|ya29\.[0-9A-Za-z_-]{20,})/g, replace: REDACTED },
  { pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, replace: REDACTED },
  // Long hex (keys, hashes) and long base64-looking runs with mixed classes.
  { pattern: /\b[0-9a-fA-F]{32,}\b/g, replace: REDACTED },
  {
    pattern: /[A-Za-z0-9+/_-]{32,}={0,2}/g,
    replace: (match) => (looksLikeKey(match) ? REDACTED : match),
  },
];

function looksLikeKey(run: string): boolean {
  // Paths and identifiers are long too; a key mixes cases and digits and has few slashes.
  if ((run.match(/\//g)?.length ?? 0) > 2) return false;
  return /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run);
}

/** Replaces anything that looks like a secret with `[REDACTED]`. Pure and idempotent. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    out = out.replace(rule.pattern, rule.replace as (substring: string, ...args: string[]) => string);
  }
  return out;
}
