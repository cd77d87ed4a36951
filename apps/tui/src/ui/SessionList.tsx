// The session list: only the rows that fit are rendered, scrolled to keep the selection visible.
import { Box, Text } from 'ink';
import { useRef } from 'react';
import type { SessionItem } from '../sessions/session-item.ts';
import { listWindow } from './list-window.ts';
import { rowCells } from './row-cells.ts';
import { SessionRow } from './SessionRow.tsx';

export interface SessionListProps {
  rows: readonly SessionItem[];
  selectedKey: string | undefined;
  isUnseen: (item: SessionItem) => boolean;
  now: number;
  height: number;
  width: number;
  emptyText: string;
}

export function SessionList({
  rows,
  selectedKey,
  isUnseen,
  now,
  height,
  width,
  emptyText,
}: SessionListProps) {
  const previousStart = useRef(0);
  if (rows.length === 0) {
    return (
      <Box height={height}>
        <Text dimColor>{emptyText}</Text>
      </Box>
    );
  }
  const selected = Math.max(
    0,
    rows.findIndex((r) => r.key === selectedKey),
  );
  const win = listWindow(rows.length, selected, height, previousStart.current);
  previousStart.current = win.start;
  return (
    <Box flexDirection="column" height={height}>
      {rows.slice(win.start, win.end).map((item) => (
        <SessionRow
          key={item.key}
          cells={rowCells(item, now, isUnseen(item))}
          selected={item.key === selectedKey}
          width={width}
        />
      ))}
    </Box>
  );
}
