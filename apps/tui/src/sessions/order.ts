// Which sessions the list shows and in what order: running turns first, then the most recently
// active; a text filter narrows it. Pure, so the list, the keys and `--once` agree on the order.
import type { SessionItem } from './session-item.ts';

/**
 * Sub-agents are drawn inside their parent's box. Where the tracker says whether a live parent
 * box holds one (`nested`), that decides; otherwise a child whose parent is listed is hidden.
 */
export function topLevel(items: readonly SessionItem[]): SessionItem[] {
  const keys = new Set(items.map((i) => i.key));
  return items.filter((i) => {
    if (i.nested !== undefined) return !i.nested;
    const parent = i.record?.parentKey;
    return parent === undefined || !keys.has(parent);
  });
}

export function orderSessions(items: readonly SessionItem[]): SessionItem[] {
  return [...items].sort((a, b) => {
    const activeA = a.view.state === 'active' ? 0 : 1;
    const activeB = b.view.state === 'active' ? 0 : 1;
    if (activeA !== activeB) return activeA - activeB;
    if (a.view.lastActivityAt !== b.view.lastActivityAt) return b.view.lastActivityAt - a.view.lastActivityAt;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
}

/** Case-insensitive substring match over everything a row shows or a user may remember. */
export function matchesFilter(item: SessionItem, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return true;
  const { view, record } = item;
  const haystack = [view.label, view.agent, item.key, view.state, record?.origin, record?.label]
    .filter((s): s is string => typeof s === 'string')
    .join('\n')
    .toLowerCase();
  return haystack.includes(needle);
}

/** The rows the user sees, in order. */
export function visibleSessions(items: readonly SessionItem[], filter: string): SessionItem[] {
  return orderSessions(topLevel(items)).filter((i) => matchesFilter(i, filter));
}

/** The session that changed last: what `f` (follow) keeps selected. */
export function mostRecentlyActive(items: readonly SessionItem[]): SessionItem | undefined {
  let best: SessionItem | undefined;
  for (const i of items) {
    if (best === undefined || i.view.lastActivityAt > best.view.lastActivityAt) best = i;
  }
  return best;
}
