// `npm test`: the whole suite (design §9) — format + lint, typecheck, build, then every vitest
// project (unit, end-to-end with real OpenClaw, Chromium, tmux, quick faults). Ends with the
// plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
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
// Named again at the very end: CI logs are often cut to their head and tail, and a failure
// buried among hundreds of passing lines is otherwise lost.
const failures = [];
const steps = [
  ['biome', ['ci', '.', '--colors=off']],
  ['turbo', ['run', 'typecheck', 'build', '--output-logs=errors-only']],
];
for (const [cmd, args] of steps) {
  if (run(cmd, args) !== 0) {
    console.error(`\n${cmd} failed`);
    failures.push(`${cmd} ${args[0]} failed (see its output above)`);
    stepFailures++;
  }
}
mkdirSync('.cache', { recursive: true });
// The fault scenarios append one line each (figures included) here; a failed one is printed at the
// end, so a CI log cut to its head and tail still says what the scenario measured.
const faultsReport = process.env.LIVESTATUS_FAULTS_REPORT ?? '.cache/faults-report.jsonl';
rmSync(faultsReport, { force: true });

// Unit tests run in parallel; the end-to-end suites (every `test/` folder: real OpenClaw gateways,
// daemon processes, Chromium, tmux) run one file at a time, since on a 2-core machine they would
// otherwise starve each other's timers and turn real timing into flakiness.
const phases = [
  { name: 'unit', args: ['--exclude', '**/test/**'] },
  { name: 'end-to-end', args: ['--no-file-parallelism', 'test/'] },
];
let passed = 0;
let failed = stepFailures;
for (const phase of phases) {
  const report = `.cache/vitest-${phase.name}.json`;
  rmSync(report, { force: true });
  const status = run('vitest', [
    'run',
    ...phase.args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  let phaseFailed = 0;
  try {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed += r.numPassedTests;
    // Files that failed to load count once each; failed tests count one by one.
    phaseFailed = r.numFailedTests || (r.numFailedTestSuites ?? 0);
    if (r.numTotalTests === 0) phaseFailed = Math.max(phaseFailed, 1);
    for (const file of r.testResults ?? []) {
      if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) {
        failures.push(`${phase.name}: ${file.name}: ${(file.message ?? '').split('\n')[0]}`);
      }
      for (const t of file.assertionResults ?? []) {
        if (t.status !== 'failed') continue;
        const why = (t.failureMessages?.[0] ?? '').split('\n')[0];
        failures.push(`${phase.name}: ${file.name} > ${t.fullName}: ${why}`);
      }
    }
  } catch {
    phaseFailed = 1;
  }
  if (status !== 0 && phaseFailed === 0) phaseFailed = 1;
  failed += phaseFailed;
}
if (failures.length > 0) {
  console.log('\nFailed:');
  for (const f of failures) console.log(`  ${f.slice(0, 400)}`);
}
const badScenarios = existsSync(faultsReport)
  ? readFileSync(faultsReport, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .filter((r) => r.outcome !== 'pass')
  : [];
if (badScenarios.length > 0) {
  console.log('\nFault scenarios that did not pass, with their figures:');
  for (const r of badScenarios) {
    const figures = Object.entries(r.figures ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    console.log(`  ${r.outcome.toUpperCase()} ${r.scenario} | ${figures.slice(0, 1500)}`);
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
