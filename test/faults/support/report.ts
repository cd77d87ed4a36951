// One JSONL line per scenario (name, outcome, figures) appended to the report file that
// scripts/test-faults.mjs prints; and `scenario()`, an `it` that always writes its line.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';
import { repoRoot } from './paths.ts';

export type Figures = Record<string, number | string | boolean>;

export const reportFile =
  process.env.LIVESTATUS_FAULTS_REPORT ?? path.join(repoRoot, '.cache/faults-report.jsonl');

export function record(
  name: string,
  outcome: 'pass' | 'fail' | 'known-bug',
  figures: Figures,
  error?: string,
): void {
  mkdirSync(path.dirname(reportFile), { recursive: true });
  const line = { scenario: name, outcome, figures, ...(error ? { error: error.split('\n')[0] } : {}) };
  appendFileSync(reportFile, `${JSON.stringify(line)}\n`);
}

export interface ScenarioOptions {
  timeoutMs?: number;
  /**
   * A defect of the daemon or server this scenario catches, reported to the lead with its repro.
   * The test is then expected to fail (`it.fails`) so `npm test` stays usable, the report line says
   * `known-bug`, and `npm run test:faults` still exits non-zero until it is fixed.
   */
  knownBug?: string;
}

/** A test whose figures reach the report whether it passes or fails. */
export function scenario(
  name: string,
  body: (fig: Figures) => Promise<void>,
  opts: number | ScenarioOptions = {},
): void {
  const { timeoutMs = 120_000, knownBug } = typeof opts === 'number' ? { timeoutMs: opts } : opts;
  (knownBug ? it.fails : it)(
    knownBug ? `${name} [known bug: ${knownBug}]` : name,
    async () => {
      const fig: Figures = {};
      const t0 = Date.now();
      try {
        await body(fig);
      } catch (err) {
        fig.wall_ms = Date.now() - t0;
        record(name, knownBug ? 'known-bug' : 'fail', fig, (err as Error).message);
        throw err;
      }
      fig.wall_ms = Date.now() - t0;
      // A known bug that no longer shows is news too: it.fails turns this pass into a failure.
      record(
        name,
        knownBug ? 'fail' : 'pass',
        fig,
        knownBug ? `expected known bug did not occur: ${knownBug}` : undefined,
      );
    },
    timeoutMs,
  );
}
