// Whether a status post may be drawn as a live box. Anyone can create a post of type
// custom_livestatus and any client can send `props.from_bot`, so neither is evidence: only the
// author's server-side profile (`is_bot`) is, and even a bot's props must pass the render
// package's validator. Everything else is shown as the post's plain message.
import type { SessionView } from '@livestatus/transcript';
import type { AuthorProfile } from '../host/state.ts';
import type { HostPost } from '../host/types.ts';

export type ValidateResult = { ok: true; view: SessionView } | { ok: false; error: string };
export type Validate = (raw: unknown) => ValidateResult;

export type TrustDecision =
  | { kind: 'live'; view: SessionView }
  | { kind: 'plain'; reason: 'author-loading' | 'not-a-bot' | 'invalid-props' | 'deleted'; detail?: string };

export function decideTrust(
  post: HostPost,
  author: AuthorProfile | undefined,
  validate: Validate,
): TrustDecision {
  if (post.delete_at !== undefined && post.delete_at > 0) return { kind: 'plain', reason: 'deleted' };
  if (!author) return { kind: 'plain', reason: 'author-loading' };
  if (!author.isBot) return { kind: 'plain', reason: 'not-a-bot' };
  const result = validate(post.props?.livestatus);
  if (!result.ok) return { kind: 'plain', reason: 'invalid-props', detail: result.error };
  return { kind: 'live', view: result.view };
}
