// The post type component for custom_livestatus: a live box when the post is trusted (bot author
// by profile, valid props), the plain message otherwise.
import { validateProps } from '@livestatus/render/props';
import { useCallback, useEffect, useMemo } from 'react';
import { useHostSelector } from '../../hooks/useHostSelector.ts';
import { useNow } from '../../hooks/useNow.ts';
import { profileOf } from '../../host/state.ts';
import type { HostStore, PostTypeProps } from '../../host/types.ts';
import type { Ticker } from '../../ticker/ticker.ts';
import type { AuthorLoader } from '../../trust/authors.ts';
import { decideTrust, type Validate } from '../../trust/trust.ts';
import { LiveBox } from './LiveBox.tsx';
import { PlainMessage } from './PlainMessage.tsx';

export interface StatusPostDeps {
  hostStore: HostStore;
  ticker: Ticker;
  authors: AuthorLoader;
  validate?: Validate;
}

export function createStatusPost(deps: StatusPostDeps) {
  const validate = deps.validate ?? (validateProps as Validate);
  // biome-ignore lint/correctness/noComponentHookFactories: the host renders this component with its own props only; the plugin's shared parts (store, clock, loaders) are bound here once, at initialize
  return function LiveStatusPost({ post, theme, isRHS, compactDisplay }: PostTypeProps) {
    const selectIsBot = useCallback((s: unknown) => profileOf(s, post.user_id)?.isBot, [post.user_id]);
    const isBot = useHostSelector(deps.hostStore, selectIsBot);
    useEffect(() => {
      if (isBot === undefined) deps.authors.request(post.user_id);
    }, [isBot, post.user_id]);
    const decision = useMemo(
      () => decideTrust(post, isBot === undefined ? undefined : { id: post.user_id, isBot }, validate),
      [post, isBot],
    );
    const live = decision.kind === 'live' && decision.view.state === 'active';
    const now = useNow(deps.ticker, live);
    if (decision.kind === 'plain') return <PlainMessage text={post.message ?? ''} />;
    return (
      <LiveBox
        view={decision.view}
        now={now}
        updatedAt={post.update_at}
        theme={theme}
        compact={compactDisplay === true}
        maxLines={isRHS ? 30 : 15}
      />
    );
  };
}
