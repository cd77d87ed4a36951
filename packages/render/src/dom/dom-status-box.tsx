// DOM host: the status box as elements for the Mattermost webapp. Text only (React text nodes,
// never innerHTML), styled inline from the Mattermost theme so it follows theme switches with no
// stylesheet to inject; class names (`ls-box`, `ls-line ls-<kind>`, `ls-<tone>`) are hooks for
// tests and for custom CSS. Uses no react-dom API, so the webapp's own ReactDOM renders it.
import type { SessionView } from '@livestatus/transcript';
import { type CSSProperties, createContext, useContext } from 'react';
import type { BoxProps, LineProps, Primitives, SpanProps } from '../components/primitives.tsx';
import { PrimitivesProvider } from '../components/primitives.tsx';
import { StatusBox } from '../components/status-box.tsx';
import type { RenderOptions } from '../options.ts';
import { type BoxColors, boxColors, type MattermostTheme } from './theme.ts';

const INDENT_EM = 1.25;
const ColorsContext = createContext<BoxColors>(boxColors(undefined));

function DomBox({ children }: BoxProps) {
  const colors = useContext(ColorsContext);
  const style: CSSProperties = {
    fontFamily: 'Menlo, Consolas, "DejaVu Sans Mono", monospace',
    fontSize: '12px',
    lineHeight: '18px',
    color: colors.text,
    background: colors.background,
    borderLeft: `3px solid ${colors.border}`,
    padding: '4px 8px',
    overflowWrap: 'anywhere',
  };
  return (
    <div className="ls-box" style={style}>
      {children}
    </div>
  );
}

function DomLine({ indent, kind, children }: LineProps) {
  return (
    <div
      className={`ls-line ls-${kind}`}
      data-indent={indent}
      style={{ paddingLeft: `${indent * INDENT_EM}em`, whiteSpace: 'pre-wrap' }}
    >
      {children}
    </div>
  );
}

function DomSpan({ tone, bold, children }: SpanProps) {
  const colors = useContext(ColorsContext);
  if (!tone && !bold) return <span>{children}</span>;
  return (
    <span
      className={tone ? `ls-${tone}` : undefined}
      style={{ color: tone ? colors[tone] : undefined, fontWeight: bold ? 600 : undefined }}
    >
      {children}
    </span>
  );
}

/** Elements with class names, coloured from the theme given to `DomStatusBox`. */
export const domPrimitives: Primitives = { Box: DomBox, Line: DomLine, Span: DomSpan };

export interface DomStatusBoxProps {
  view: SessionView;
  options: RenderOptions;
  /** Mattermost's `theme` prop. */
  theme?: MattermostTheme;
}

/** The status box as DOM elements, themed; runs on React 18.2 and 19. */
export function DomStatusBox({ view, options, theme }: DomStatusBoxProps) {
  return (
    <ColorsContext.Provider value={boxColors(theme)}>
      <PrimitivesProvider value={domPrimitives}>
        <StatusBox view={view} options={options} />
      </PrimitivesProvider>
    </ColorsContext.Provider>
  );
}
