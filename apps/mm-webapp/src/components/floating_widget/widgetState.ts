// The floating widget's behaviour as data: when it shows and hides, where it sits, whether it
// is collapsed. Pure, so the 5-second linger and the persisted position are tested without
// timers or a DOM.

export const HIDE_AFTER_MS = 5_000;
export const STORAGE_KEY = 'com.openclaw.livestatus.widget';
const MARGIN = 8;

export interface Visibility {
  visible: boolean;
  /** When the widget hides, once no session is active. */
  hideAt?: number;
}

export function nextVisibility(prev: Visibility, activeCount: number, now: number): Visibility {
  if (activeCount > 0) return { visible: true };
  if (!prev.visible) return prev;
  if (prev.hideAt === undefined) return { visible: true, hideAt: now + HIDE_AFTER_MS };
  return now >= prev.hideAt ? { visible: false } : prev;
}

export interface Position {
  x: number;
  y: number;
}

export interface WidgetPrefs {
  position?: Position;
  collapsed: boolean;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Reads saved prefs; anything malformed (another version, hand edits) is ignored. */
export function loadPrefs(storage: KeyValueStorage | undefined): WidgetPrefs {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    const v: unknown = raw ? JSON.parse(raw) : undefined;
    if (typeof v !== 'object' || v === null) return { collapsed: false };
    const o = v as { position?: { x?: unknown; y?: unknown }; collapsed?: unknown };
    const x = o.position?.x;
    const y = o.position?.y;
    const prefs: WidgetPrefs = { collapsed: o.collapsed === true };
    if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) {
      prefs.position = { x, y };
    }
    return prefs;
  } catch {
    return { collapsed: false };
  }
}

export function savePrefs(storage: KeyValueStorage | undefined, prefs: WidgetPrefs): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(prefs));
  } catch {
    // Storage full or blocked (private mode): the widget still works, it just forgets.
  }
}

/** Keeps the widget's top-left corner so the whole widget stays on screen. */
export function clampPosition(
  pos: Position,
  size: { width: number; height: number },
  viewport: { width: number; height: number },
): Position {
  const maxX = Math.max(MARGIN, viewport.width - size.width - MARGIN);
  const maxY = Math.max(MARGIN, viewport.height - size.height - MARGIN);
  return {
    x: Math.round(Math.min(Math.max(pos.x, MARGIN), maxX)),
    y: Math.round(Math.min(Math.max(pos.y, MARGIN), maxY)),
  };
}

/** Default spot: bottom right, above Mattermost's message box. */
export function defaultPosition(
  size: { width: number; height: number },
  viewport: { width: number; height: number },
): Position {
  return clampPosition(
    { x: viewport.width - size.width - 24, y: viewport.height - size.height - 96 },
    size,
    viewport,
  );
}

/** A press that moved less than this is a click, not a drag. */
export const DRAG_THRESHOLD_PX = 4;

export function isDrag(start: Position, current: Position): boolean {
  return Math.hypot(current.x - start.x, current.y - start.y) >= DRAG_THRESHOLD_PX;
}
