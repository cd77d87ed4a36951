// `npm test`: the whole suite (design §9) — format + lint, typecheck, build, then every vitest
// project (unit, end-to-end with real OpenClaw, Chromium, tmux, quick faults). Ends with the
// plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { ensureSystemTools } from './ensure-system-tools.mjs';

function run(cmd, args) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  return r.status ?? 1;
}

ensureSystemTools();
// Every step runs even when an earlier one failed, so one CI run reports everything at once;
// each failed step counts as one failure in the closing line.
let stepFailures = 0;
const steps = [
  ['biome', ['ci', '.', '--colors=off']],
  ['turbo', ['run', 'typecheck', 'build', '--output-logs=errors-only']],
];
for (const [cmd, args] of steps) {
  if (run(cmd, args) !== 0) {
    console.error(`\n${cmd} failed`);
    stepFailures++;
  }
}
mkdirSync('.cache', { recursive: true });
const report = '.cache/vitest-report.json';
const status = run('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
let passed = 0;
let failed = 0;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numFailedTestSuites ?? 0);
} catch {
  failed = 1;
}
if (status !== 0 && failed === 0) failed = 1;
failed += stepFailures;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(status === 0 && failed === 0 ? 0 : 1);
