// The status box of one turn (design §4), a function of the SessionView and the options only.
import type { SessionView } from '@livestatus/transcript';
import { droppedBefore } from '../layout.ts';
import { type RenderOptions, resolveOptions } from '../options.ts';
import { ErrorLine, Footer } from './footer.tsx';
import { Header } from './header.tsx';
import { Lines } from './lines.tsx';
import { usePrimitives } from './primitives.tsx';

export interface StatusBoxProps {
  view: SessionView;
  options: RenderOptions;
}

export function StatusBox({ view, options }: StatusBoxProps) {
  const { Box } = usePrimitives();
  const o = resolveOptions(options);
  return (
    <Box>
      <Header view={view} o={o} />
      <Lines
        lines={view.lines}
        dropped={droppedBefore(view)}
        indent={0}
        depth={0}
        budget={o.maxLines}
        o={o}
      />
      <ErrorLine view={view} o={o} />
      {view.state !== 'active' && !o.compact ? <Footer view={view} o={o} /> : null}
    </Box>
  );
}
