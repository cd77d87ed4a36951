// `model.Post.IsValid` (server/public/model/post.go): the checks that turn a create or edit into a 400.
import type { Post } from '@mattermost/types/posts';
import { AppError } from './app-error.ts';
import { isValidId } from './ids.ts';

export const POST_MESSAGE_MAX_RUNES = 16383;
export const POST_PROPS_MAX_RUNES = 800000;
/** The Posts.Type column is varchar(26). */
export const POST_TYPE_MAX_LENGTH = 26;

const KNOWN_TYPES = new Set([
  '',
  'system_join_leave',
  'system_join_channel',
  'system_guest_join_channel',
  'system_leave_channel',
  'system_join_team',
  'system_leave_team',
  'system_auto_responder',
  'system_add_remove',
  'system_add_to_channel',
  'system_add_guest_to_chan',
  'system_remove_from_channel',
  'system_move_channel',
  'system_add_to_team',
  'system_remove_from_team',
  'system_header_change',
  'system_displayname_change',
  'system_convert_channel',
  'system_purpose_change',
  'system_channel_deleted',
  'system_channel_restored',
  'system_ephemeral',
  'system_change_chan_privacy',
  'system_generic',
  'system_me',
  'reminder',
  'system_wrangler',
  'system_gm_to_channel',
  'slack_attachment',
]);

export function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function validatePost(post: Post): void {
  const detail = `id=${post.id}`;
  if (post.root_id !== '' && !isValidId(post.root_id))
    throw new AppError(400, 'model.post.is_valid.root_id.app_error', 'Invalid root id.', detail);
  const length = runeCount(post.message);
  if (length > POST_MESSAGE_MAX_RUNES)
    throw new AppError(
      400,
      'model.post.is_valid.message_length.app_error',
      `Post Message property is longer than the maximum permitted length of ${POST_MESSAGE_MAX_RUNES} characters. Current length is ${length}.`,
      detail,
    );
  const type = post.type as string;
  if ((!KNOWN_TYPES.has(type) && !type.startsWith('custom_')) || type.length > POST_TYPE_MAX_LENGTH)
    throw new AppError(400, 'model.post.is_valid.type.app_error', 'Invalid type.', `id=${type}`);
  if (runeCount(JSON.stringify(post.props)) > POST_PROPS_MAX_RUNES)
    throw new AppError(400, 'model.post.is_valid.props.app_error', 'Invalid props.', detail);
}

/** Props Mattermost strips from what a client sends (`SanitizeProps`). */
export function sanitizeProps(props: Record<string, unknown>): Record<string, unknown> {
  const { add_channel_member: _a, force_notification: _f, ...rest } = props;
  return rest;
}
