// The webapp bundles the main entry, `./dom` and `./props`: none of them may pull in Ink,
// react-dom or the text host's reconciler (design §1; the webapp never bundles Ink).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');
const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm;

/** Every bare (package) import reachable from `entry` through relative imports. */
function packagesReachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] as string;
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit(path.join(SRC, entry));
  return packages;
}

describe('what each entry point imports', () => {
  it.each(['index.ts', 'dom/index.ts', 'props/index.ts'])(
    '%s needs only React and the transcript types',
    (entry) => {
      const found = [...packagesReachable(entry)].sort();
      expect(found.filter((p) => !['react', '@livestatus/transcript'].includes(p))).toEqual([]);
    },
  );

  it('the Ink host is the only one importing ink, the text host the only one importing react-reconciler', () => {
    expect(packagesReachable('ink/index.ts')).toContain('ink');
    expect(packagesReachable('text/index.ts')).toContain('react-reconciler');
    expect(packagesReachable('text/index.ts')).not.toContain('ink');
  });
});
