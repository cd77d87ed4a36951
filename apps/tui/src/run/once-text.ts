// `--once`: the session list and every listed session's box as plain text, for scripts and pipes.
// The boxes are exactly what the daemon's text host draws (`renderText`).
import { renderText } from '@livestatus/render/text';
import { visibleSessions } from '../sessions/order.ts';
import type { SessionSnapshot } from '../sessions/session-item.ts';
import { rowCells } from '../ui/row-cells.ts';

function pad(text: string, width: number, right = false): string {
  const len = [...text].length;
  if (len > width) return `${[...text].slice(0, width - 1).join('')}…`;
  return right ? text.padStart(width) : text.padEnd(width);
}

export function onceText(snapshot: SessionSnapshot): string {
  const rows = visibleSessions(snapshot.items, '');
  if (rows.length === 0) return 'No sessions.\n';
  const out: string[] = [];
  out.push(`${rows.length} session${rows.length === 1 ? '' : 's'}`);
  for (const item of rows) {
    const c = rowCells(item, snapshot.now, false);
    out.push(
      [
        pad(c.status, 11),
        pad(c.label, 24),
        pad(c.origin, 22),
        pad(c.elapsed, 7, true),
        pad(c.tokens, 12, true),
        pad(c.cost, 8, true),
      ]
        .join(' ')
        .trimEnd(),
    );
  }
  for (const item of rows) {
    out.push('', `── ${item.key}`, renderText(item.view, { now: snapshot.now }).trimEnd());
  }
  return `${out.join('\n')}\n`;
}
