// Ink host: the status box in a terminal. Lines are single rows cut at the terminal's width
// (a box must not reflow into a wall of wrapped text), semantic tones become terminal colours.
import type { SessionView } from '@livestatus/transcript';
import { Box, Text } from 'ink';
import type { BoxProps, LineProps, Primitives, SpanProps, Tone } from '../components/primitives.tsx';
import { PrimitivesProvider } from '../components/primitives.tsx';
import { StatusBox } from '../components/status-box.tsx';
import type { RenderOptions } from '../options.ts';

export const INK_COLORS: Record<Tone, string> = { ok: 'green', error: 'red', muted: 'gray', accent: 'cyan' };

export const inkPrimitives: Primitives = {
  Box: ({ children }: BoxProps) => <Box flexDirection="column">{children}</Box>,
  Line: ({ indent, children }: LineProps) => (
    <Text wrap="truncate-end">
      {'  '.repeat(indent)}
      {children}
    </Text>
  ),
  Span: ({ tone, bold, children }: SpanProps) => (
    <Text color={tone ? INK_COLORS[tone] : undefined} bold={bold}>
      {children}
    </Text>
  ),
};

export interface InkStatusBoxProps {
  view: SessionView;
  options: RenderOptions;
}

/** The status box as Ink elements (needs Ink 8 / React 19). */
export function InkStatusBox({ view, options }: InkStatusBoxProps) {
  return (
    <PrimitivesProvider value={inkPrimitives}>
      <StatusBox view={view} options={options} />
    </PrimitivesProvider>
  );
}
