// The title line: where the sessions come from, how many are running, and whether we follow.

import { stripUnsafe } from '@livestatus/render';
import { Box, Text } from 'ink';

export interface HeaderProps {
  title: string;
  total: number;
  active: number;
  shown: number;
  ready: boolean;
  follow: boolean;
  problem: string | undefined;
  width: number;
}

export function Header({ title, total, active, shown, ready, follow, problem, width }: HeaderProps) {
  const count = !ready
    ? 'reading sessions…'
    : `${total} session${total === 1 ? '' : 's'} · ${active} active${shown !== total ? ` · ${shown} shown` : ''}`;
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text bold color="cyan">
        livestatus
      </Text>
      <Text> {count}</Text>
      {follow ? <Text color="yellow"> · following</Text> : null}
      <Box flexGrow={1} flexBasis={0} marginLeft={2}>
        {problem !== undefined ? (
          <Text color="red" wrap="truncate-end">
            {stripUnsafe(problem).replace(/\s+/g, ' ').trim()}
          </Text>
        ) : (
          <Text dimColor wrap="truncate-start">
            {title}
          </Text>
        )}
      </Box>
    </Box>
  );
}
