// One row of the session list. Memoised: a busy session re-renders its own row only.

import type { TurnState } from '@livestatus/transcript';
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { RowCells } from './row-cells.ts';

export const STATE_COLOR: Record<TurnState, string> = {
  active: 'yellow',
  done: 'green',
  error: 'red',
  interrupted: 'magenta',
};

export interface SessionRowProps {
  cells: RowCells;
  selected: boolean;
  width: number;
}

function SessionRowView({ cells, selected, width }: SessionRowProps) {
  const narrow = width < 70;
  return (
    <Box width={width} height={1} overflow="hidden">
      <Box width={2} flexShrink={0}>
        <Text color="cyan">{selected ? '›' : cells.marker}</Text>
      </Box>
      <Box width={12} flexShrink={0}>
        <Text color={STATE_COLOR[cells.state]} bold={cells.state === 'active'}>
          {cells.status}
        </Text>
      </Box>
      <Box flexGrow={1} flexBasis={0} minWidth={8} marginRight={1}>
        <Text inverse={selected} wrap="truncate-end">
          {cells.label}
        </Text>
      </Box>
      {narrow ? null : (
        <Box flexGrow={1} flexBasis={0} minWidth={6} marginRight={1}>
          <Text dimColor wrap="truncate-end">
            {cells.origin}
          </Text>
        </Box>
      )}
      <Box width={7} flexShrink={0} justifyContent="flex-end">
        <Text>{cells.elapsed}</Text>
      </Box>
      <Box width={13} flexShrink={0} justifyContent="flex-end">
        <Text dimColor>{cells.tokens}</Text>
      </Box>
      {narrow ? null : (
        <Box width={9} flexShrink={0} justifyContent="flex-end">
          <Text dimColor>{cells.cost}</Text>
        </Box>
      )}
    </Box>
  );
}

function sameCells(a: SessionRowProps, b: SessionRowProps): boolean {
  if (a.selected !== b.selected || a.width !== b.width) return false;
  const x = a.cells;
  const y = b.cells;
  return (
    x.marker === y.marker &&
    x.state === y.state &&
    x.label === y.label &&
    x.origin === y.origin &&
    x.elapsed === y.elapsed &&
    x.tokens === y.tokens &&
    x.cost === y.cost
  );
}

export const SessionRow = memo(SessionRowView, sameCells);
