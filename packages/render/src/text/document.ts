// What the text host produces before it becomes a string: rows of styled spans. Plain text and
// Markdown are two serialisations of the same rows.
import type { LineKind, Tone } from '../components/primitives.tsx';

export interface DocSpan {
  text: string;
  tone?: Tone;
  bold?: boolean;
}

export interface DocLine {
  indent: number;
  kind: LineKind;
  spans: DocSpan[];
}

export function lineText(line: DocLine): string {
  let s = '';
  for (const span of line.spans) s += span.text;
  return s;
}

/** The seed format: two spaces per level. */
export function toPlainText(lines: readonly DocLine[]): string {
  return lines.map((l) => '  '.repeat(l.indent) + lineText(l)).join('\n');
}
