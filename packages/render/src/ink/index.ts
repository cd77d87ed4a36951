// Ink host (terminal UI). Imports `ink`, so it is a subpath of its own: the webapp never bundles it.
export { INK_COLORS, InkStatusBox, type InkStatusBoxProps, inkPrimitives } from './ink-status-box.tsx';
