// What a box looks like on the wire: message text and props, per mode (design §5). Plugin mode:
// `custom_livestatus` post, the view in props.livestatus, the Markdown box in `message`
// (rewritten only on state changes). REST fallback: the Markdown box in `message`, every update.
// `message` is Markdown in both modes because mobile and plugin-less clients render it as
// Markdown: plain text there would let agent text format itself or autolink.
import { toProps } from '@livestatus/render/props';
import { renderMarkdown } from '@livestatus/render/text';
import type { SessionView } from '@livestatus/transcript';

export type Mode = 'plugin' | 'rest';
export const PLUGIN_ID = 'com.openclaw.livestatus';
export const POST_TYPE = 'custom_livestatus';

export interface RenderLimits {
  maxLines: number;
  maxChars: number;
}

export function messageFor(view: SessionView, limits: RenderLimits, now: number): string {
  return renderMarkdown(view, { maxLines: limits.maxLines, maxChars: limits.maxChars, now });
}

/**
 * The complete props map: a patch replaces all props, so `from_bot` is always re-sent, and the
 * box id stays on the post so a create whose response was lost can be found again.
 */
export function propsFor(view: SessionView, boxId: string, limits: RenderLimits): Record<string, unknown> {
  return {
    from_bot: 'true',
    livestatus_box: boxId,
    livestatus: toProps(view, { maxLines: limits.maxLines }),
  };
}
