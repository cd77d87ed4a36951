// `livestatus-daemon render <sessionKey|sessionId|path>`: the box of one session as it stands,
// as the plain text of design §4 or the SessionView as JSON. Reads OpenClaw state only; needs no
// Mattermost settings.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { renderText } from '@livestatus/render/text';
import {
  createLabeler,
  createSessionSource,
  createTracker,
  parseEntry,
  type SessionView,
  type Tracker,
  type TranscriptEntry,
} from '@livestatus/transcript';
import { formatProblems, loadConfig } from '../config/config.ts';

export interface RenderArgs {
  target: string;
  stateDir?: string;
  json: boolean;
}

function trackerFor(config: { toolLabelsFile?: string }): Tracker {
  const overrides = config.toolLabelsFile ? JSON.parse(readFileSync(config.toolLabelsFile, 'utf8')) : {};
  return createTracker({ labeler: createLabeler(overrides), since: 0 });
}

/** A transcript file given by path: parsed directly, no registry needed. */
function viewOfFile(file: string, tracker: Tracker): SessionView | undefined {
  const entries: TranscriptEntry[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = parseEntry(line);
    if (r.ok) entries.push(r.entry);
  }
  const key = path.basename(file).replace(/\.jsonl$/, '');
  tracker.apply({ agent: 'main', key, entries }, Date.now());
  return tracker.view(key);
}

async function viewOfSession(
  target: string,
  opts: Parameters<typeof createSessionSource>[0],
  tracker: Tracker,
) {
  const source = createSessionSource({ ...opts, rescanIntervalMs: 0 });
  const views = new Map<string, SessionView>();
  const ids = new Map<string, string>();
  source.onChange((change) => {
    if (change.record) ids.set(change.record.sessionId, change.key);
    tracker.apply(change, Date.now());
  });
  await source.start();
  await source.close();
  for (const s of tracker.sessions()) if (s.view) views.set(s.key, s.view);
  const key = views.has(target) ? target : ids.get(target);
  return { view: key ? tracker.view(key) : undefined, known: [...views.keys()] };
}

export async function renderCommand(env: NodeJS.ProcessEnv, args: RenderArgs): Promise<number> {
  const loaded = loadConfig(
    { ...env, ...(args.stateDir ? { OPENCLAW_STATE_DIR: args.stateDir } : {}) },
    { homedir: homedir(), requireMattermost: false },
  );
  if (!loaded.ok) {
    process.stderr.write(formatProblems(loaded.problems));
    return 2;
  }
  const config = loaded.config;
  const tracker = trackerFor(config);
  let view: SessionView | undefined;
  let known: string[] = [];
  if (existsSync(args.target) && statSync(args.target).isFile()) {
    view = viewOfFile(args.target, tracker);
  } else {
    const r = await viewOfSession(
      args.target,
      {
        stateDir: config.openclaw.stateDir,
        ...(config.openclaw.transcriptDir ? { transcriptDir: config.openclaw.transcriptDir } : {}),
        ...(config.openclaw.sessionsJson ? { sessionsJson: config.openclaw.sessionsJson } : {}),
        ...(config.openclaw.stateDb ? { stateDb: config.openclaw.stateDb } : {}),
        recentWindowMs: Number.MAX_SAFE_INTEGER,
      },
      tracker,
    );
    view = r.view;
    known = r.known;
  }
  if (!view) {
    process.stderr.write(
      `livestatus-daemon render: no session "${args.target}" under ${config.openclaw.stateDir}` +
        (known.length ? `\nknown sessions:\n${known.map((k) => `  ${k}`).join('\n')}\n` : '\n'),
    );
    return 1;
  }
  process.stdout.write(
    args.json
      ? `${JSON.stringify(view, null, 2)}\n`
      : `${renderText(view, { maxLines: config.maxStatusLines, maxChars: config.maxMessageChars, now: Date.now() })}\n`,
  );
  return 0;
}
