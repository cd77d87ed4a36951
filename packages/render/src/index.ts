// @livestatus/render — the status box of a SessionView as React components, drawn by hosts.
// This entry has no Ink, react-dom or reconciler import, so the webapp can use it; the hosts
// are subpaths: `./text` (plain text + Markdown), `./props` (post props), `./ink`, `./dom`.

// Components and the primitives a host supplies
export { ErrorLine, Footer } from './components/footer.tsx';
export { Header, QuietNote, StateTag } from './components/header.tsx';
export {
  COMPACTION_NOTE,
  EarlierMarker,
  Lines,
  NoteRow,
  SubagentBlock,
  TextRow,
  ToolRow,
} from './components/lines.tsx';
export {
  type BoxProps,
  type LineKind,
  type LineProps,
  type Primitives,
  PrimitivesProvider,
  type SpanProps,
  type Tone,
  usePrimitives,
} from './components/primitives.tsx';
export { StatusBox, type StatusBoxProps } from './components/status-box.tsx';
// Options and wording
export { formatCost, formatDuration, formatTokens } from './format.ts';
export {
  DEFAULT_MAX_CHARS,
  DEFAULT_MAX_LINE_CHARS,
  DEFAULT_MAX_LINES,
  type RenderOptions,
} from './options.ts';
// Safety: every host gets agent text through these
export { REDACTED, redactSecrets } from './safety/redact.ts';
export {
  cleanAgentText,
  codePointLength,
  defuseMentions,
  stripUnsafe,
  truncateGraphemes,
} from './safety/sanitize.ts';
