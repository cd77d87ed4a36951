// The text host: the status box drawn by the React components into the seed's plain text
// format, or into Mattermost Markdown for the REST-fallback post. A box that would exceed the
// character cap drops more of its oldest lines (never its header or footer); only if even that is
// not enough is the text cut, at a grapheme boundary.
import type { SessionView } from '@livestatus/transcript';
import { createElement, type ReactNode } from 'react';
import {
  type BoxProps,
  type LineProps,
  type Primitives,
  PrimitivesProvider,
  type SpanProps,
} from '../components/primitives.tsx';
import { StatusBox } from '../components/status-box.tsx';
import { type RenderOptions, resolveOptions } from '../options.ts';
import { codePointLength, truncateGraphemes } from '../safety/sanitize.ts';
import { type DocLine, toPlainText } from './document.ts';
import { MATTERMOST_MAX_RUNES, toMarkdown } from './markdown.ts';
import { BOX, LINE, renderToDocument, SPAN } from './reconciler.ts';

/** The text host's primitives: intrinsic elements of its own renderer. */
export const textPrimitives: Primitives = {
  Box: ({ children }: BoxProps) => createElement(BOX, null, children),
  Line: ({ indent, kind, children }: LineProps) => createElement(LINE, { indent, kind }, children),
  Span: ({ tone, bold, children }: SpanProps) => createElement(SPAN, { tone, bold }, children),
};

/** The box as rows of styled spans (for hosts that colour text themselves). */
export function renderDocument(view: SessionView, options: RenderOptions): DocLine[] {
  const tree: ReactNode = createElement(
    PrimitivesProvider,
    { value: textPrimitives },
    createElement(StatusBox, { view, options }),
  );
  return renderToDocument(tree);
}

function fit(view: SessionView, options: RenderOptions, limit: number, serialise: (l: DocLine[]) => string) {
  const o = resolveOptions(options);
  const first = serialise(renderDocument(view, options));
  if (codePointLength(first) <= limit) return first;
  // Fewer lines until it fits: binary search over maxLines (each try is one render).
  let lo = 0;
  let hi = o.maxLines - 1;
  let best: string | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const out = serialise(renderDocument(view, { ...options, maxLines: mid }));
    if (codePointLength(out) <= limit) {
      best = out;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best ?? truncateGraphemes(serialise(renderDocument(view, { ...options, maxLines: 0 })), limit);
}

/** The seed's plain-text box (`[ACTIVE] main | 38s` …), at most `maxChars` code points. */
export function renderText(view: SessionView, options: RenderOptions): string {
  return fit(view, options, resolveOptions(options).maxChars, toPlainText);
}

/**
 * The box as a Mattermost Markdown blockquote that cannot ping, format or link, at most
 * `maxChars` and 16 383 code points.
 */
export function renderMarkdown(view: SessionView, options: RenderOptions): string {
  return fit(view, options, Math.min(resolveOptions(options).maxChars, MATTERMOST_MAX_RUNES), toMarkdown);
}
