// Where OpenClaw keeps its state, found the way OpenClaw itself finds it (design §2). Pure: the
// caller passes the environment and home directory, so nothing here reads process.env.
import path from 'node:path';

export interface StateDirEnv {
  OPENCLAW_STATE_DIR?: string | undefined;
  OPENCLAW_HOME?: string | undefined;
}

/**
 * `OPENCLAW_STATE_DIR` if set, else `$OPENCLAW_HOME/.openclaw` (OPENCLAW_HOME replaces the home
 * directory, it is not the state directory), else `<homedir>/.openclaw`.
 */
export function resolveStateDir(env: StateDirEnv, homedir: string): string {
  const explicit = env.OPENCLAW_STATE_DIR?.trim();
  if (explicit) return path.resolve(explicit);
  const home = env.OPENCLAW_HOME?.trim();
  if (home) return path.resolve(home, '.openclaw');
  return path.resolve(homedir, '.openclaw');
}
