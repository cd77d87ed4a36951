// What a box looks like on the wire: message text and props, per mode (design §5). Plugin mode:
// `custom_livestatus` post, the view in props.livestatus, the plain-text box in `message`
// (rewritten only on state changes). REST fallback: the Markdown box in `message`.
import { toProps } from '@livestatus/render/props';
import { renderMarkdown, renderText } from '@livestatus/render/text';
import type { SessionView } from '@livestatus/transcript';

export type Mode = 'plugin' | 'rest';
export const PLUGIN_ID = 'com.openclaw.livestatus';
export const POST_TYPE = 'custom_livestatus';

export interface RenderLimits {
  maxLines: number;
  maxChars: number;
}

export function messageFor(view: SessionView, mode: Mode, limits: RenderLimits, now: number): string {
  const opts = { maxLines: limits.maxLines, maxChars: limits.maxChars, now };
  return mode === 'plugin' ? renderText(view, opts) : renderMarkdown(view, opts);
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
