// `npm run test:faults`: the full fault + security suite, then one line per scenario with its
// figures from the JSONL report the tests append to. Exits non-zero on any failure, known bugs
// included (they are still losses).
//
// Full-variant defaults (test/faults/support/mode.ts):
//   LIVESTATUS_FAULTS=full   outages (connection refused, 503) last 60 s, breaker cooldown 30 s
//   LIVESTATUS_SOAK_S=3600   soak length in seconds (1 h); LIVESTATUS_SOAK_S=300 for a shorter run
//                            that still shows a memory/fd trend (~600 samples, ~300 turns)
//   LIVESTATUS_FAULTS_REPORT .cache/faults-report.jsonl (emptied first)
// The quick variant (LIVESTATUS_FAULTS unset, part of `npm test`): 3 s outages with a 1 s cooldown,
// a 20 s soak. Extra arguments go to vitest (e.g. a file name or `-t <scenario>`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const report = path.resolve(process.env.LIVESTATUS_FAULTS_REPORT ?? '.cache/faults-report.jsonl');
mkdirSync(path.dirname(report), { recursive: true });
rmSync(report, { force: true });
const env = {
  ...process.env,
  LIVESTATUS_FAULTS: process.env.LIVESTATUS_FAULTS ?? 'full',
  LIVESTATUS_FAULTS_REPORT: report,
};
const vitest = path.resolve('node_modules/.bin/vitest');
const run = spawnSync(vitest, ['run', '--project', 'faults', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});

const lines = existsSync(report) ? readFileSync(report, 'utf8').split('\n').filter(Boolean) : [];
let bad = 0;
console.log(`\nfault suite (${env.LIVESTATUS_FAULTS}):`);
for (const line of lines) {
  const r = JSON.parse(line);
  if (r.outcome !== 'pass') bad++;
  const figures = Object.entries(r.figures)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const tag = r.outcome === 'pass' ? 'PASS' : r.outcome === 'known-bug' ? 'KNOWN-BUG' : 'FAIL';
  console.log(`${tag.padEnd(9)} ${r.scenario} | ${figures}${r.error ? ` | ${r.error}` : ''}`);
}
if (lines.length === 0) bad++;
// A fixed known bug makes its it.fails test fail: vitest's status catches that.
console.log(`${lines.length - bad} passed, ${bad} failed or known bugs`);
process.exit(run.status === 0 && bad === 0 ? 0 : 1);
