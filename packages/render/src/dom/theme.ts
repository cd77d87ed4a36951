// Mattermost's theme (the `theme` prop every post component receives) mapped to the box's
// semantic tones. Only colour-looking strings are used: the theme is user-editable data.

/** The Mattermost theme fields the box uses (all optional; defaults are Mattermost's Denim). */
export interface MattermostTheme {
  centerChannelBg?: string;
  centerChannelColor?: string;
  onlineIndicator?: string;
  errorTextColor?: string;
  linkColor?: string;
  buttonBg?: string;
  dndIndicator?: string;
  [key: string]: unknown;
}

export interface BoxColors {
  background: string;
  text: string;
  ok: string;
  error: string;
  accent: string;
  muted: string;
  border: string;
}

const DENIM = {
  centerChannelBg: '#ffffff',
  centerChannelColor: '#3f4350',
  onlineIndicator: '#3db887',
  errorTextColor: '#d24b4e',
  linkColor: '#386fe5',
};

const COLOR = /^(#[0-9a-f]{3,8}|rgba?\([0-9.,%\s]+\)|hsla?\([0-9.,%\sdeg]+\)|[a-z]{3,20})$/i;

function color(value: unknown, fallback: string): string {
  return typeof value === 'string' && COLOR.test(value.trim()) ? value.trim() : fallback;
}

/** `#rrggbb` + alpha as rgba(), for muted text and borders; other colour forms fall back. */
function withAlpha(hex: string, alpha: number, fallback: string): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m?.[1]) return fallback;
  const n = Number.parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

export function boxColors(theme: MattermostTheme | undefined): BoxColors {
  const t = theme ?? {};
  const text = color(t.centerChannelColor, DENIM.centerChannelColor);
  return {
    background: color(t.centerChannelBg, DENIM.centerChannelBg),
    text,
    ok: color(t.onlineIndicator, DENIM.onlineIndicator),
    error: color(t.errorTextColor, DENIM.errorTextColor),
    accent: color(t.linkColor, DENIM.linkColor),
    muted: withAlpha(text, 0.64, text),
    border: withAlpha(text, 0.16, text),
  };
}
