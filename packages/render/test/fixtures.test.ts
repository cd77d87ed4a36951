// Golden boxes of the real OpenClaw fixtures, each checked by eye once against the seed format
// (design §4), then kept: a change to any of them is a visible change to every user's box.

import { fromProps, toProps } from '@livestatus/render/props';
import { renderMarkdown, renderText } from '@livestatus/render/text';
import { describe, expect, it } from 'vitest';
import { fixtureScenarios, goldenNow } from './fixture-views.ts';

const scenarios = fixtureScenarios();

describe('golden status boxes of the real fixtures', () => {
  it.each(scenarios)('%s (text)', async (name, view) => {
    await expect(renderText(view, { now: goldenNow(view) })).toMatchFileSnapshot(`goldens/${name}.txt`);
  });

  it.each(scenarios)('%s (markdown)', async (name, view) => {
    await expect(renderMarkdown(view, { now: goldenNow(view) })).toMatchFileSnapshot(
      `goldens/${name}.markdown.txt`,
    );
  });

  it.each(scenarios)('%s draws the same through post props', (_name, view) => {
    const now = goldenNow(view);
    const stored = JSON.parse(JSON.stringify(toProps(view)));
    expect(renderText(fromProps(stored), { now })).toBe(renderText(view, { now }));
  });

  it('a finished turn draws the same box whatever the clock says', () => {
    for (const [, view] of scenarios) {
      if (view.state === 'active') continue;
      expect(renderText(view, { now: goldenNow(view) + 3_600_000 })).toBe(
        renderText(view, { now: goldenNow(view) }),
      );
    }
  });
});
