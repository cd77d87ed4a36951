// The interactive view: renders the app in the terminal's alternate screen, starts following,
// and resolves when the user quits.
import { render } from 'ink';
import type { SessionFeed } from '../sessions/session-feed.ts';
import { App } from '../ui/App.tsx';

/** `onStarted` runs once the history present at start is on screen (the demo starts its replay then). */
export async function runLive(feed: SessionFeed, title: string, onStarted?: () => void): Promise<void> {
  const app = render(<App feed={feed} title={title} />, {
    // A full-screen view in the alternate screen: the user's scrollback is left as it was, and
    // only changed lines are rewritten, so a busy list does not flicker.
    alternateScreen: true,
    incrementalRendering: true,
    maxFps: 20,
    patchConsole: true,
    // Ink turns itself into a print-the-last-frame logger when it sees CI=true; the live view
    // only runs on a terminal (the CLI checks), so it is always interactive.
    interactive: true,
  });
  // A source that cannot start (unreadable directory...) closes the view and is reported after
  // the terminal is restored; it is caught here so it never becomes an unhandled rejection.
  let failure: unknown;
  let quit = false;
  const started = feed.start().then(onStarted, (err: unknown) => {
    // After the user quit, a start cut short by closing is not a failure.
    if (quit) return;
    failure = err;
    app.unmount();
  });
  try {
    await app.waitUntilExit();
  } finally {
    quit = failure === undefined;
    await feed.close();
    await started;
  }
  if (failure !== undefined) throw failure;
}
