// The widget's container: shows it while sessions run (and 5 s after), keeps its position and
// collapsed state in localStorage, and turns pointer moves into drags.
import { type PointerEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useHostSelector } from '../../hooks/useHostSelector.ts';
import { type SessionListDeps, useSessionList } from '../../hooks/useSessionList.ts';
import { navigateTo, permalink } from '../../host/navigate.ts';
import { currentTeamName, currentTheme, parseTheme } from '../../host/state.ts';
import type { SessionEntry } from '../../sessions/sessions.ts';
import { FloatingWidget, WIDGET_SIZE } from './FloatingWidget.tsx';
import {
  clampPosition,
  defaultPosition,
  isDrag,
  type KeyValueStorage,
  loadPrefs,
  nextVisibility,
  type Position,
  savePrefs,
  type Visibility,
} from './widgetState.ts';

export function createFloatingWidget(deps: SessionListDeps & { storage?: KeyValueStorage }) {
  // biome-ignore lint/correctness/noComponentHookFactories: the host renders this component with its own props only; the plugin's shared parts (store, clock, loaders) are bound here once, at initialize
  return function LiveStatusFloatingWidget() {
    const { list, now } = useSessionList(deps);
    const themeJson = useHostSelector(deps.hostStore, currentTheme);
    const [prefs, setPrefs] = useState(() => loadPrefs(deps.storage));
    const [visibility, setVisibility] = useState<Visibility>({ visible: false });
    const [dragPos, setDragPos] = useState<Position | undefined>(undefined);
    const drag = useRef<{ start: Position; origin: Position; moved: boolean } | undefined>(undefined);

    const activeCount = list.active.length;
    useEffect(() => setVisibility((v) => nextVisibility(v, activeCount, now)), [activeCount, now]);

    const size = prefs.collapsed ? WIDGET_SIZE.collapsed : WIDGET_SIZE.expanded;
    const viewport = { width: window.innerWidth, height: window.innerHeight };
    const position = clampPosition(
      dragPos ?? prefs.position ?? defaultPosition(size, viewport),
      size,
      viewport,
    );

    const update = useCallback((next: typeof prefs) => {
      setPrefs(next);
      savePrefs(deps.storage, next);
    }, []);
    const toggle = useCallback(() => update({ ...prefs, collapsed: !prefs.collapsed }), [prefs, update]);
    const onOpen = useCallback((entry: SessionEntry) => {
      navigateTo(permalink(currentTeamName(deps.hostStore.getState()), entry.postId, window.basename ?? ''));
    }, []);

    const handleProps = {
      onPointerDown(e: PointerEvent<HTMLElement>) {
        if (e.button !== 0) return;
        e.currentTarget.setPointerCapture?.(e.pointerId);
        drag.current = { start: { x: e.clientX, y: e.clientY }, origin: position, moved: false };
      },
      onPointerMove(e: PointerEvent<HTMLElement>) {
        const d = drag.current;
        if (!d) return;
        const at = { x: e.clientX, y: e.clientY };
        if (!d.moved && !isDrag(d.start, at)) return;
        d.moved = true;
        setDragPos({ x: d.origin.x + at.x - d.start.x, y: d.origin.y + at.y - d.start.y });
      },
      onPointerUp(e: PointerEvent<HTMLElement>) {
        const d = drag.current;
        drag.current = undefined;
        if (!d) return;
        if (d.moved) {
          const end = clampPosition(
            { x: d.origin.x + e.clientX - d.start.x, y: d.origin.y + e.clientY - d.start.y },
            size,
            viewport,
          );
          setDragPos(undefined);
          update({ ...prefs, position: end });
        } else if (prefs.collapsed) {
          // A click (not a drag) on the dot expands it.
          toggle();
        }
      },
      onPointerCancel() {
        drag.current = undefined;
        setDragPos(undefined);
      },
    };

    if (!visibility.visible) return null;
    return (
      <FloatingWidget
        session={list.active[0] ?? list.recent[0]}
        activeCount={activeCount}
        now={now}
        collapsed={prefs.collapsed}
        position={position}
        theme={parseTheme(themeJson)}
        handleProps={handleProps}
        onToggleCollapsed={toggle}
        onOpen={onOpen}
      />
    );
  };
}
