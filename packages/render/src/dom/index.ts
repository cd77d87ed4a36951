// DOM host (Mattermost webapp): no Ink, no react-dom import.
export { DomStatusBox, type DomStatusBoxProps, domPrimitives } from './dom-status-box.tsx';
export { type BoxColors, boxColors, type MattermostTheme } from './theme.ts';
