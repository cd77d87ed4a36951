// Which chromium the browser tests drive: Debian's, found on PATH (never a downloaded browser).
// Outside CI a missing chromium is `undefined` and the caller skips; under CI it is a failure that
// names the command installing it.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export const CHROMIUM_HINT = 'chromium is missing: install it with `sudo apt-get install -y chromium`';

type Env = Record<string, string | undefined>;

export interface ChromiumLookup {
  /** Environment to read PATH and CI from (default `process.env`). */
  env?: Env;
  /** Whether an executable file exists at this path (default: an X_OK access check). */
  exists?: (file: string) => boolean;
}

export const isCI = (env: Env = process.env): boolean => env.CI === 'true' || env.CI === '1';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first `chromium` on PATH; `undefined` when there is none, or a thrown CHROMIUM_HINT under CI. */
export function findChromium({
  env = process.env,
  exists = isExecutable,
}: ChromiumLookup = {}): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    const file = dir && path.join(dir, 'chromium');
    if (file && exists(file)) return file;
  }
  if (isCI(env)) throw new Error(CHROMIUM_HINT);
  return undefined;
}
