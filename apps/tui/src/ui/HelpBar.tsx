// The one-line help bar, or the filter prompt while the user types a filter.
import { Box, Text } from 'ink';
import { FILTER_HELP, HELP } from './keymap.ts';

export interface HelpBarProps {
  filter: string;
  filterEditing: boolean;
  width: number;
}

export function HelpBar({ filter, filterEditing, width }: HelpBarProps) {
  const keys = filterEditing ? FILTER_HELP : HELP;
  return (
    <Box width={width} height={1} overflow="hidden">
      {filterEditing || filter !== '' ? (
        <Box marginRight={2} flexShrink={0}>
          <Text color="cyan">/{filter}</Text>
          {filterEditing ? <Text inverse> </Text> : null}
        </Box>
      ) : null}
      <Text wrap="truncate-end">
        {keys.map(([k, what], i) => (
          <Text key={k}>
            {i > 0 ? '  ' : ''}
            <Text bold>{k}</Text>
            <Text dimColor> {what}</Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
