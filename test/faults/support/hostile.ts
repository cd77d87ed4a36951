// Adversarial agent output: pings, formatting break-outs, script injection, invisible and
// direction-overriding characters, and secrets, placed where a real transcript carries agent text
// (assistant text blocks, tool-call arguments). Each secret has a marker that must never leave.
import type { EntryRewrite } from './openclaw-home.ts';

export const SECRETS = {
  bearer: 'abc123SECRETbearerTOKENabc123SECRETbearer',
  apiKey: 'sk-live-SECRETkey0123456789abcdefghijklmnop',
  pemBody: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7SECRETPEM',
  hex: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
} as const;

const PEM = `-----BEGIN PRIVATE KEY-----\n${SECRETS.pemBody}\n-----END PRIVATE KEY-----`;

/** Shown as assistant text (only the first line of a block reaches the box, so one line each). */
export const HOSTILE_TEXTS = [
  '@channel @all @here @alice \\@channel look <script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> # Heading [click](javascript:window.__pwned=1) ![i](http://127.0.0.1:9/x.png) **bold** _em_ | a | b |',
  `Done @alice\u200b \u202Egnp.exe\u202C Authorization: Bearer ${SECRETS.bearer} \`\`\` fence @here <iframe src="javascript:window.__pwned=1"></iframe>`,
];

/** Tool arguments by call order: what the labels show (command, path). */
export const HOSTILE_ARGS: Array<Record<string, string>> = [
  { command: `curl -H 'Authorization: Bearer ${SECRETS.bearer}' https://example.invalid @here` },
  { path: '/tmp/@all/<img src=x onerror=window.__pwned=1>' },
  { command: `export apiKey=${SECRETS.apiKey} && echo @channel` },
  { path: `/tmp/key.pem`, content: PEM },
  { path: `/tmp/${SECRETS.hex}/@alice|col|\n|---|\n| <script>window.__pwned=1</script> |` },
];

/** Replaces assistant text and tool arguments in order; every other field stays as recorded. */
export function hostileRewrite(): EntryRewrite {
  let text = 0;
  let call = 0;
  return (entry) => {
    const msg = entry.message as { role?: string; content?: unknown } | undefined;
    if (entry.type !== 'message' || msg?.role !== 'assistant' || !Array.isArray(msg.content)) return entry;
    for (const block of msg.content as Array<Record<string, unknown>>) {
      if (block.type === 'text') block.text = HOSTILE_TEXTS[text++ % HOSTILE_TEXTS.length];
      if (block.type === 'toolCall') {
        const args = {
          ...(block.arguments as Record<string, unknown>),
          ...HOSTILE_ARGS[call++ % HOSTILE_ARGS.length],
        };
        block.arguments = args;
        if (typeof block.partialArgs === 'string') block.partialArgs = JSON.stringify(args);
      }
    }
    return entry;
  };
}

/** Markers of every secret above (a redactor may keep a prefix; none of these may survive). */
export const SECRET_MARKERS = [
  ...Object.values(SECRETS),
  'bearerTOKENabc',
  'key0123456789abc',
  'BKcwggSjAgEAAoIBAQC7',
  '9f86d081884c7d659a2f',
];
