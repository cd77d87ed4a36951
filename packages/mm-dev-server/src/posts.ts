// Post operations with Mattermost's semantics (api4/post.go + app/post.go + the post store):
// create, update (PUT), patch, delete, get, since and paged lists. Pure over the World and its clock;
// each change is reported through `emit` so the WebSocket hub and tests can follow it.
import type { Post, PostList } from '@mattermost/types/posts';
import { AppError, errors } from './app-error.ts';
import { newId } from './ids.ts';
import { findMentions } from './mentions.ts';
import { sanitizeProps, validatePost } from './post-validation.ts';
import type { PostEvent, UserRecord, World } from './world.ts';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Go's JSON decoder rejects a body whose fields have the wrong type: the API answers 400 "post".
function field<T>(body: Json, name: string, check: (v: unknown) => v is T, fallback: T): T {
  const v = body[name];
  if (v === undefined || v === null) return fallback;
  if (!check(v)) throw errors.invalidParam('post', `json: cannot unmarshal ${name}`);
  return v;
}
const isString = (v: unknown): v is string => typeof v === 'string';
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

function asBody(body: unknown): Json {
  if (!isObject(body)) throw errors.invalidParam('post', 'body is not a JSON object');
  return body;
}

function notFound(postId: string): AppError {
  return errors.notFound('app.post.get.app_error', 'Unable to get the post.', `id=${postId}`);
}

export class Posts {
  readonly #world: World;
  readonly #emit: (event: PostEvent) => void;

  constructor(world: World, emit: (event: PostEvent) => void) {
    this.#world = world;
    this.#emit = emit;
  }

  /** The post as clients see it: reply counts are computed on read. */
  toClient(post: Post): Post {
    if (post.root_id !== '') return { ...post };
    let replies = 0;
    let last = post.last_reply_at ?? 0;
    for (const p of this.#world.posts.values())
      if (p.root_id === post.id && p.delete_at === 0) {
        replies++;
        last = Math.max(last, p.create_at);
      }
    return { ...post, reply_count: replies, last_reply_at: last };
  }

  #recordMentions(post: Post, kind: 'create' | 'edit'): void {
    const channel = this.#world.channels.get(post.channel_id);
    const names = [...(channel?.members ?? [])]
      .filter((id) => id !== post.user_id)
      .map((id) => this.#world.users.get(id)?.username)
      .filter((n): n is string => n !== undefined);
    const extra: string[] = [];
    const attachments = post.props.attachments;
    if (Array.isArray(attachments))
      for (const a of attachments)
        if (isObject(a)) {
          for (const key of ['pretext', 'text'] as const) if (typeof a[key] === 'string') extra.push(a[key]);
          if (Array.isArray(a.fields))
            for (const f of a.fields) if (isObject(f) && typeof f.value === 'string') extra.push(f.value);
        }
    const r = findMentions(post.message, names, extra);
    this.#world.mentions.push({
      postId: post.id,
      kind,
      channelWide: r.channelWide,
      users: r.users,
      otherPotential: r.otherPotential,
    });
  }

  create(user: UserRecord, rawBody: unknown, setOnline: boolean): Post {
    const body = asBody(rawBody);
    const channelId = field(body, 'channel_id', isString, '');
    const channel = this.#world.channels.get(channelId);
    if (!channel || (!channel.members.has(user.id) && !user.isAdmin))
      throw errors.permission('create_post', user.id);
    const props = sanitizeProps(field(body, 'props', isObject, {}));
    if (user.isBot) props.from_bot = 'true';
    const now = this.#world.clock.now();
    const post: Post = {
      id: newId(),
      create_at: now,
      update_at: now,
      edit_at: 0,
      delete_at: 0,
      is_pinned: false,
      user_id: user.id,
      channel_id: channelId,
      root_id: field(body, 'root_id', isString, ''),
      original_id: '',
      message: field(body, 'message', isString, ''),
      type: field(body, 'type', isString, '') as Post['type'],
      props,
      hashtags: '',
      pending_post_id: field(body, 'pending_post_id', isString, ''),
      reply_count: 0,
      metadata: {} as Post['metadata'],
    };
    const fileIds = field(body, 'file_ids', isStringArray, []);
    if (fileIds.length > 0) post.file_ids = fileIds;
    validatePost(post);
    if (post.root_id !== '') {
      const root = this.#world.posts.get(post.root_id);
      if (!root || root.delete_at !== 0 || root.root_id !== '')
        throw new AppError(400, 'api.post.create_post.root_id.app_error', 'Invalid RootId parameter.');
      if (root.channel_id !== channelId)
        throw new AppError(
          400,
          'api.post.create_post.channel_root_id.app_error',
          'Invalid ChannelId for RootId parameter.',
        );
    }
    this.#world.posts.set(post.id, post);
    channel.lastPostAt = now;
    if (post.root_id === '') channel.lastRootPostAt = now;
    this.#recordMentions(post, 'create');
    const out = this.toClient(post);
    this.#emit({ type: 'posted', post: out, channel, sender: user, setOnline });
    return out;
  }

  /** Insert a post as the seed describes it (no permission checks, no events). */
  seed(post: { id: string; channelId: string; userId: string; message: string; rootId?: string }): void {
    const now = this.#world.clock.now();
    this.#world.posts.set(post.id, {
      id: post.id,
      create_at: now,
      update_at: now,
      edit_at: 0,
      delete_at: 0,
      is_pinned: false,
      user_id: post.userId,
      channel_id: post.channelId,
      root_id: post.rootId ?? '',
      original_id: '',
      message: post.message,
      type: '' as Post['type'],
      props: {},
      hashtags: '',
      pending_post_id: '',
      reply_count: 0,
      metadata: {} as Post['metadata'],
    });
  }

  get(user: UserRecord, postId: string): Post {
    const post = this.#world.posts.get(postId);
    if (!post || post.delete_at !== 0) throw notFound(postId);
    if (!this.#world.isMember(post.channel_id, user.id) && !user.isAdmin)
      throw errors.permission('read_channel_content', user.id);
    return this.toClient(post);
  }

  // api4 answers a missing or deleted post on edit with a permission error (403), not 404.
  #editable(user: UserRecord, postId: string): Post {
    const original = this.#world.posts.get(postId);
    if (!original || original.delete_at !== 0) throw errors.permission('edit_post', user.id);
    if (!this.#world.isMember(original.channel_id, user.id) && !user.isAdmin)
      throw errors.permission('edit_post', user.id);
    if (original.user_id !== user.id && !user.isAdmin) throw errors.permission('edit_others_posts', user.id);
    return original;
  }

  /** `PUT /posts/{id}`: the body is a whole post; its props replace the stored ones. */
  update(user: UserRecord, postId: string, rawBody: unknown): Post {
    const body = asBody(rawBody);
    if (field(body, 'id', isString, '') !== postId) throw errors.invalidParam('id');
    const original = this.#editable(user, postId);
    return this.#apply(original, {
      message: field(body, 'message', isString, ''),
      props: field(body, 'props', isObject, {}),
      isPinned: field(body, 'is_pinned', isBool, false),
      fileIds: body.file_ids == null ? original.file_ids : field(body, 'file_ids', isStringArray, []),
    });
  }

  /** `PUT /posts/{id}/patch`: only the given fields change; `props`, when given, replaces the whole map. */
  patch(user: UserRecord, postId: string, rawBody: unknown): Post {
    const body = asBody(rawBody);
    const message = body.message == null ? undefined : field(body, 'message', isString, '');
    const props = body.props == null ? undefined : field(body, 'props', isObject, {});
    const isPinned = body.is_pinned == null ? undefined : field(body, 'is_pinned', isBool, false);
    const fileIds = body.file_ids == null ? undefined : field(body, 'file_ids', isStringArray, []);
    const original = this.#editable(user, postId);
    return this.#apply(original, {
      message: message ?? original.message,
      props: props ?? original.props,
      isPinned: isPinned ?? original.is_pinned,
      fileIds: fileIds ?? original.file_ids,
    });
  }

  // app.UpdatePost + SqlPostStore.Update.
  #apply(
    original: Post,
    change: {
      message: string;
      props: Record<string, unknown>;
      isPinned: boolean;
      fileIds: string[] | undefined;
    },
  ): Post {
    if ((original.type as string).startsWith('system_'))
      throw new AppError(
        400,
        'api.post.update_post.system_message.app_error',
        'Unable to update system message.',
      );
    const now = this.#world.clock.now();
    const updated: Post = { ...original, props: sanitizeProps(change.props), is_pinned: change.isPinned };
    if (change.message !== original.message) {
      updated.message = change.message;
      updated.edit_at = now;
    }
    if (change.fileIds && change.fileIds.length > 0) updated.file_ids = change.fileIds;
    else delete updated.file_ids;
    const filesChanged = JSON.stringify(original.file_ids ?? []) !== JSON.stringify(change.fileIds ?? []);
    const attachmentsChanged =
      JSON.stringify(original.props.attachments ?? null) !==
      JSON.stringify(updated.props.attachments ?? null);
    if (updated.edit_at === original.edit_at && (filesChanged || attachmentsChanged)) updated.edit_at = now;
    validatePost(updated);
    updated.update_at = now;
    const historyRow: Post = {
      ...original,
      id: newId(),
      original_id: original.id,
      delete_at: now,
      update_at: now,
    };
    const rows = this.#world.history.get(original.id) ?? [];
    rows.push(historyRow);
    this.#world.history.set(original.id, rows);
    this.#world.posts.set(updated.id, updated);
    const channel = this.#world.channels.get(updated.channel_id);
    if (channel && channel.lastPostAt < now) channel.lastPostAt = now;
    this.#recordMentions(updated, 'edit');
    const out = this.toClient(updated);
    if (channel) this.#emit({ type: 'post_edited', post: out, channel });
    return out;
  }

  delete(user: UserRecord, postId: string): void {
    const post = this.#world.posts.get(postId);
    if (!post || post.delete_at !== 0) throw errors.permission('delete_post', user.id);
    if (!this.#world.isMember(post.channel_id, user.id) && !user.isAdmin)
      throw errors.permission('delete_post', user.id);
    if (post.user_id !== user.id && !user.isAdmin) throw errors.permission('delete_others_posts', user.id);
    this.remove(postId, user.id);
  }

  /** Deletes a post and its replies (also used by fault injection: "the user deleted the box"). */
  remove(postId: string, deletedBy: string): boolean {
    const post = this.#world.posts.get(postId);
    if (!post || post.delete_at !== 0) return false;
    const now = this.#world.clock.now();
    const deleted: Post = {
      ...post,
      delete_at: now,
      update_at: now,
      props: { ...post.props, deleteBy: deletedBy },
    };
    this.#world.posts.set(postId, deleted);
    for (const p of this.#world.posts.values())
      if (p.root_id === postId && p.delete_at === 0)
        this.#world.posts.set(p.id, { ...p, delete_at: now, update_at: now });
    const channel = this.#world.channels.get(post.channel_id);
    if (channel) this.#emit({ type: 'post_deleted', post: this.toClient(deleted), channel, deletedBy });
    return true;
  }

  #readable(user: UserRecord, channelId: string): void {
    if (!this.#world.channels.has(channelId))
      throw errors.notFound(
        'app.channel.get.existing.app_error',
        'Unable to find the existing channel.',
        `id=${channelId}`,
      );
    if (!this.#world.isMember(channelId, user.id) && !user.isAdmin)
      throw errors.permission('read_channel_content', user.id);
  }

  #channelPosts(channelId: string): Post[] {
    // Newest first; posts created in the same millisecond keep their creation order (stable sort).
    return [...this.#world.posts.values()]
      .filter((p) => p.channel_id === channelId)
      .reverse()
      .sort((a, b) => b.create_at - a.create_at);
  }

  #list(posts: Post[]): PostList & { has_next?: boolean } {
    const list: PostList = {
      order: posts.map((p) => p.id),
      posts: {},
      next_post_id: '',
      prev_post_id: '',
      first_inaccessible_post_time: 0,
    };
    for (const p of posts) list.posts[p.id] = this.toClient(p);
    return list;
  }

  /** `GET /channels/{id}/posts?since=`: everything whose `update_at` is after `since`, deleted posts included. */
  since(user: UserRecord, channelId: string, since: number): PostList {
    this.#readable(user, channelId);
    return this.#list(
      this.#channelPosts(channelId)
        .filter((p) => p.update_at > since)
        .slice(0, 1000),
    );
  }

  /** `GET /channels/{id}/posts?page=&per_page=`: newest first, deleted posts left out. */
  page(
    user: UserRecord,
    channelId: string,
    page: number,
    perPage: number,
  ): PostList & { has_next?: boolean } {
    this.#readable(user, channelId);
    const all = this.#channelPosts(channelId).filter((p) => p.delete_at === 0);
    const start = page * perPage;
    const slice = all.slice(start, start + perPage);
    const list = this.#list(slice);
    list.prev_post_id = all[start + perPage]?.id ?? '';
    list.next_post_id = start > 0 ? (all[start - 1]?.id ?? '') : '';
    list.has_next = start + perPage < all.length;
    return list;
  }
}
