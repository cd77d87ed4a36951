// The selected session's status box, drawn by the shared render components (Ink host), cut to
// the rows the terminal has left.
import { InkStatusBox } from '@livestatus/render/ink';
import type { SessionView } from '@livestatus/transcript';
import { Box, Text } from 'ink';

export interface DetailPaneProps {
  view: SessionView | undefined;
  now: number;
  height: number;
  width: number;
  expandSubagents: boolean;
  expandTools: boolean;
}

export function DetailPane({ view, now, height, width, expandSubagents, expandTools }: DetailPaneProps) {
  if (view === undefined) {
    return (
      <Box height={height} width={width}>
        <Text dimColor>No session selected.</Text>
      </Box>
    );
  }
  // Header and footer take a row each; the box keeps its newest lines within the rest.
  const maxLines = Math.max(1, height - 2);
  return (
    <Box height={height} width={width} flexDirection="column" overflow="hidden">
      <InkStatusBox view={view} options={{ now, maxLines, expandSubagents, expandTools }} />
    </Box>
  );
}
