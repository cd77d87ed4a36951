// Text host: the status box as plain text (seed format) and as Mattermost Markdown.
export type { DocLine, DocSpan } from './document.ts';
export { escapeMarkdownText, MATTERMOST_MAX_RUNES } from './markdown.ts';
export { renderDocument, renderMarkdown, renderText, textPrimitives } from './render-text.ts';
