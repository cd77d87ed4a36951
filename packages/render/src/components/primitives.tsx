// The only things a host supplies: a box, a line and a span of text with a semantic style. The
// status box components draw with these alone, so one tree renders as plain text, Markdown,
// an Ink terminal UI or DOM elements. Hooks here are React 17-era (`useContext`) so the same
// components run on the Mattermost webapp's React 18.2 and on Ink's React 19.
import { type ComponentType, createContext, type ReactNode, useContext } from 'react';

/** Semantic colours; each host maps them to its own palette. */
export type Tone = 'ok' | 'error' | 'muted' | 'accent';

/** What a line is, for hosts that style kinds differently (CSS classes, test ids). */
export type LineKind = 'header' | 'text' | 'tool' | 'subagent' | 'note' | 'earlier' | 'error' | 'footer';

export interface BoxProps {
  children?: ReactNode;
}
export interface LineProps {
  /** Nesting level; the text host draws two spaces per level. */
  indent: number;
  kind: LineKind;
  children?: ReactNode;
}
export interface SpanProps {
  tone?: Tone;
  bold?: boolean;
  /** Always one already-sanitised string. */
  children: string;
}

export interface Primitives {
  /** The whole status box: a column of lines. */
  Box: ComponentType<BoxProps>;
  /** One row of the box. */
  Line: ComponentType<LineProps>;
  /** A run of text inside a line. */
  Span: ComponentType<SpanProps>;
}

const PrimitivesContext = createContext<Primitives | null>(null);

/** Gives the components below it a host's primitives. */
export function PrimitivesProvider({ value, children }: { value: Primitives; children?: ReactNode }) {
  return <PrimitivesContext.Provider value={value}>{children}</PrimitivesContext.Provider>;
}

export function usePrimitives(): Primitives {
  const primitives = useContext(PrimitivesContext);
  if (!primitives) throw new Error('StatusBox needs a host: render it inside a PrimitivesProvider');
  return primitives;
}
