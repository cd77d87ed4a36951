// README screenshots, captured from the real demo (run on demand: `npm run screenshots -w apps/demo`):
//   docs/images/webapp.png  the demo page in Chromium: live status posts, sessions panel, widget
//   docs/images/tui.txt     the TUI as tmux captured it, and docs/images/tui.png, that text drawn
//                           by Chromium in a terminal-like page (no image converter needed)
// The demo runs in a tmux pane, so it opens the TUI exactly as on a user's terminal.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_HINT, findChromium, launchChromium } from '@livestatus/browser-testing';
import { DEFAULT_IDS } from '@livestatus/mm-dev-server';
// @ts-expect-error: plain ESM build script without type declarations
import { buildDemo } from '../build.mjs';
import { demoBundle, freePort } from '../test/support/demo-process.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const out = path.join(repo, 'docs', 'images');
const session = `livestatus-shots-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', args, { encoding: 'utf8' });

async function botPosts(base: string): Promise<string[]> {
  const res = await fetch(`${base}api/v4/channels/${DEFAULT_IDS.channelId}/posts`, {
    headers: { authorization: `Bearer ${DEFAULT_IDS.aliceToken}` },
  }).catch(() => undefined);
  if (!res?.ok) return [];
  const list = (await res.json()) as { posts: Record<string, { user_id: string; message: string }> };
  return Object.values(list.posts)
    .filter((p) => p.user_id === DEFAULT_IDS.botUserId)
    .map((p) => p.message);
}

async function until(what: string, cond: () => Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

const chromium = findChromium();
if (!chromium) throw new Error(CHROMIUM_HINT);
await buildDemo();
mkdirSync(out, { recursive: true });
const port = await freePort();
const base = `http://127.0.0.1:${port}/`;
const started = tmux(
  'new-session',
  '-d',
  '-s',
  session,
  '-x',
  '120',
  '-y',
  '34',
  `${process.execPath} ${demoBundle} --port ${port} --speed 1.5`,
);
if (started.status !== 0) throw new Error(`tmux: ${started.stderr}`);
const context = await launchChromium({ executablePath: chromium, viewport: { width: 1280, height: 860 } });
try {
  // Wait for a moment worth showing: turns already done, and one live with a few lines.
  await until(
    'finished posts',
    async () => (await botPosts(base)).filter((m) => m.startsWith('> \\[DONE\\]')).length >= 2,
    90_000,
  );
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(base);
  await page.waitForFunction(
    () => (window as unknown as { __host?: { ready?: boolean } }).__host?.ready === true,
  );
  await page.getByRole('button', { name: 'Agent sessions' }).last().click();
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('#post-list [data-testid="livestatus-live"]')].some(
        (el) => el.textContent?.includes('[ACTIVE]') && (el as HTMLElement).innerText.split('\n').length >= 4,
      ),
    undefined,
    { timeout: 90_000, polling: 100 },
  );
  await page.locator('#post-list').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await page.screenshot({ path: path.join(out, 'webapp.png') });

  const pane = tmux('capture-pane', '-p', '-t', session).stdout.replace(/[ \t]+$/gm, '');
  writeFileSync(path.join(out, 'tui.txt'), `${pane.trimEnd()}\n`);
  const htmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  await page.setViewportSize({ width: 1120, height: 640 });
  await page.setContent(
    `<body style="margin:0;background:#1e1e1e"><pre style="margin:0;padding:14px;color:#d4d4d4;font:14px/1.35 'DejaVu Sans Mono',monospace">${htmlText(pane)}</pre></body>`,
  );
  await page.locator('pre').screenshot({ path: path.join(out, 'tui.png') });
} finally {
  await context.close();
  tmux('send-keys', '-t', session, 'C-c');
  await until('the demo to stop', async () => tmux('has-session', '-t', session).status !== 0, 20_000).catch(
    () => tmux('kill-session', '-t', session),
  );
}
console.log(`wrote ${path.relative(repo, out)}/webapp.png, tui.txt, tui.png`);
