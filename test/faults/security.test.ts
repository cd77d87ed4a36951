// Hostile agent text in a real fixture transcript -> the real daemon process -> mm-dev-server ->
// the real webapp plugin in Chromium: no pings (mentions parsed as Mattermost does), no script
// execution, no secrets in posts, edit history, logs (trace), /health or /metrics; posts forged by
// a user are never drawn as live boxes; config errors never echo the token. In REST mode (plugin
// off) the Markdown box in `message` pings no one and nothing in it escapes the blockquote
// (CommonMark parse of every stored version, plus GFM table rows).
import { DEFAULT_IDS, findMentions } from '@livestatus/mm-dev-server';
import { Parser } from 'commonmark';
import { afterEach, describe, expect } from 'vitest';
import { CHROMIUM_HINT, findChromium, openHostPage } from './support/browser.ts';
import { DaemonProcess } from './support/daemon-process.ts';
import { expectDelivered, play, unescapeMarkdown } from './support/delivery.ts';
import { hostileRewrite, SECRET_MARKERS } from './support/hostile.ts';
import { until } from './support/invariants.ts';
import { IS_CI } from './support/mode.ts';
import { OpenClawHome } from './support/openclaw-home.ts';
import { scenario } from './support/report.ts';
import { type Stack, stack } from './support/stack.ts';

let s: Stack | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const leaks = (text: string) => SECRET_MARKERS.filter((m) => text.includes(m));

/** Node types that would format agent text (Mattermost renders CommonMark + GFM tables). */
const FORMATTING = new Set([
  'link',
  'image',
  'html_inline',
  'html_block',
  'heading',
  'strong',
  'emph',
  'code_block',
]);
/** A GFM table delimiter row inside the quote (CommonMark itself has no tables). */
const TABLE_DELIMITER = /^>?\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)+\|?\s*$/;

/** What escapes the box: top-level blocks other than a blockquote, formatting nodes, tables. */
function markdownEscapes(message: string): string[] {
  const doc = new Parser().parse(message);
  const out: string[] = [];
  for (let b = doc.firstChild; b; b = b.next) if (b.type !== 'block_quote') out.push(`top-level ${b.type}`);
  const walker = doc.walker();
  for (let e = walker.next(); e; e = walker.next()) {
    if (e.entering && FORMATTING.has(e.node.type))
      out.push(`${e.node.type}: ${e.node.literal ?? e.node.destination ?? ''}`);
  }
  for (const line of message.split('\n')) if (TABLE_DELIMITER.test(line)) out.push(`table row: ${line}`);
  return out;
}

describe('security', () => {
  scenario('adversarial agent text end to end (daemon, server, Chromium)', async (fig) => {
    const chromiumPath = findChromium();
    if (!chromiumPath && IS_CI) throw new Error(CHROMIUM_HINT);
    s = await stack();
    const d = await s.startDaemon();
    const sess = s.home.session({ n: 1, rewrite: hostileRewrite() });
    await sess.begin();
    await s.postOf(sess.key);
    await play(sess, 100);
    await sess.finish();
    await expectDelivered(s, [sess], fig, 15_000);
    const bot = await s.postOf(sess.key);
    // The hostile strings did reach the box (neutralised, not dropped).
    // (Markdown escapes and the zero-width spaces that keep `key.pem` from auto-linking removed.)
    const visible = unescapeMarkdown(bot.message).replaceAll('\u200b', '');
    expect(visible).toContain('Heading');
    expect(visible).toContain('/tmp/key.pem');

    // A user forging a status post with the bot's own props.
    const forged = await fetch(`${s.server.url}/api/v4/posts`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEFAULT_IDS.aliceToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        channel_id: DEFAULT_IDS.channelId,
        type: 'custom_livestatus',
        message: 'forged status',
        props: { ...bot.props, from_bot: 'true' },
      }),
    });
    expect(forged.status).toBe(201);
    const forgedId = ((await forged.json()) as { id: string }).id;

    // Pings, as Mattermost computes them on create and on every edit.
    const checks = s.server.mentions().filter((m) => m.postId !== forgedId);
    fig.mention_checks = checks.length;
    fig.pings = checks.filter((m) => m.channelWide || m.users.length > 0).length;
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.filter((m) => m.channelWide || m.users.length > 0)).toEqual([]);

    // Secrets: every stored version of every bot post, the logs, /health, /metrics.
    const stored = [...s.server.world.posts.values()].filter((p) => p.id !== forgedId);
    const history = stored.flatMap((p) => s!.server.world.history.get(p.id) ?? []);
    const postText = [...stored, ...history]
      .map((p) => `${p.message}\n${JSON.stringify(p.props)}`)
      .join('\n');
    const health = (await d.health()).raw;
    const metrics = await d.metrics();
    fig.secrets_in_posts = leaks(postText).length;
    fig.secrets_in_health = leaks(health + metrics).length;
    await d.stop('SIGTERM');
    const logs = d.stdout + d.stderr;
    fig.log_bytes = logs.length;
    fig.secrets_in_logs = leaks(logs).length;
    fig.token_in_logs = logs.includes(DEFAULT_IDS.botToken);
    expect(leaks(postText)).toEqual([]);
    expect(leaks(health + metrics)).toEqual([]);
    expect(leaks(logs)).toEqual([]);
    expect(logs).not.toContain(DEFAULT_IDS.botToken);

    if (!chromiumPath) {
      console.warn(`${CHROMIUM_HINT} — browser half not run`);
      return;
    }
    const { context, page } = await openHostPage(s.server, chromiumPath);
    try {
      const live = page.locator(`[data-post-id="${bot.id}"] [data-testid="livestatus-live"]`);
      await expect.poll(() => live.count(), { timeout: 10_000 }).toBe(1);
      await expect
        .poll(() => page.locator(`[data-post-id="${forgedId}"]`).count(), { timeout: 10_000 })
        .toBe(1);
      await page.waitForTimeout(500);
      const dom = await page.evaluate(() => {
        const list = document.getElementById('post-list');
        return {
          pwned: (window as unknown as { __pwned?: unknown }).__pwned !== undefined,
          scripts: list?.querySelectorAll('script').length ?? -1,
          imgs: list?.querySelectorAll('img').length ?? -1,
          iframes: list?.querySelectorAll('iframe').length ?? -1,
          links: [...(list?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href')),
          text: list?.textContent ?? '',
        };
      });
      const forgedLive = await page
        .locator(`[data-post-id="${forgedId}"] [data-testid="livestatus-live"]`)
        .count();
      fig.script_executed = dom.pwned;
      fig.dom_script_img_iframe = dom.scripts + dom.imgs + dom.iframes;
      fig.forged_rendered_live = forgedLive > 0;
      expect(dom.pwned).toBe(false);
      expect([dom.scripts, dom.imgs, dom.iframes]).toEqual([0, 0, 0]);
      expect(dom.links.filter((h) => h?.startsWith('javascript:'))).toEqual([]);
      expect(leaks(dom.text)).toEqual([]);
      expect(forgedLive).toBe(0);
    } finally {
      await context.close();
    }
  });

  scenario('adversarial agent text in REST mode (plain post, Markdown box)', async (fig) => {
    s = await stack({ plugin: false });
    await s.startDaemon({ PLUGIN_ENABLED: 'false' });
    const sess = s.home.session({ n: 1, rewrite: hostileRewrite() });
    await sess.begin();
    await play(sess, 100);
    await sess.finish();
    const find = () =>
      [...s!.server.world.posts.values()].find(
        (p) => p.user_id === DEFAULT_IDS.botUserId && unescapeMarkdown(p.message).includes('[DONE]'),
      );
    await until(() => find() !== undefined, 15_000, 'the REST box to reach [DONE]');
    const post = find()!;
    const botPosts = [...s.server.world.posts.values()].filter((p) => p.user_id === DEFAULT_IDS.botUserId);
    fig.posts = botPosts.length;
    fig.post_type = post.type || '(plain)';
    expect(botPosts).toHaveLength(1);
    expect(post.type).toBe('');
    // The hostile strings reached the box (neutralised, not dropped).
    expect(unescapeMarkdown(post.message)).toContain('Heading');
    // Pings, as the server computed them on create and on every edit, and again on the final text.
    const checks = s.server.mentionsOf(post.id);
    fig.mention_checks = checks.length;
    fig.pings = checks.filter((m) => m.channelWide || m.users.length > 0).length;
    const final = findMentions(post.message, ['alice', 'admin', 'livestatus-bot']);
    fig.final_pings = Number(final.channelWide) + final.users.length;
    expect(checks.length).toBeGreaterThan(1);
    expect(fig.pings).toBe(0);
    expect(fig.final_pings).toBe(0);
    // Markdown: every stored version parses to blockquotes only, with nothing formatted inside.
    const versions = [...(s.server.world.history.get(post.id) ?? []), post].map((p) => p.message);
    const escapes = versions.flatMap(markdownEscapes);
    fig.versions_parsed = versions.length;
    fig.markdown_escapes = escapes.length;
    expect(escapes).toEqual([]);
    const stored = versions.join('\n');
    fig.secrets_in_posts = leaks(stored).length;
    expect(leaks(stored)).toEqual([]);
  });

  scenario('config errors never echo the token', async (fig) => {
    const home = new OpenClawHome();
    try {
      const token = 'tok-SECRETconfigTOKEN-0123456789';
      const r = DaemonProcess.runOnce(
        home.home,
        {
          MM_URL: 'ftp://nowhere',
          MM_TOKEN: token,
          THROTTLE_MS: 'fast',
          LOG_LEVEL: 'trace',
          HEALTH_PORT: 'x',
        },
        ['run'],
      );
      const out = `${r.stdout}${r.stderr}`;
      fig.exit_code = r.status ?? -1;
      fig.token_echoed = out.includes(token) || out.includes('SECRETconfig');
      expect(r.status).toBe(2);
      expect(out).toContain('THROTTLE_MS');
      expect(out).toContain('MM_URL');
      expect(fig.token_echoed).toBe(false);
      // A token with whitespace is refused too, still without echoing it.
      const r2 = DaemonProcess.runOnce(home.home, { MM_URL: 'http://127.0.0.1:9', MM_TOKEN: `${token} x` }, [
        'run',
      ]);
      expect(r2.status).toBe(2);
      expect(`${r2.stdout}${r2.stderr}`).not.toContain('SECRETconfig');
    } finally {
      home.remove();
    }
  });
});
