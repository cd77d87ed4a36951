// `npm run bench [-- --quick] [-- --filter <text>]`: one runner for every package's benchmarks.
// Each `packages/*/bench/*.bench.ts` and `apps/*/bench/*.bench.ts` exports
// `run({quick}) -> Figure[]`; it is bundled with esbuild (workspace packages in, third-party
// packages external) and run in a child process of its own, so memory figures of one bench are
// not polluted by another. Prints one table and writes bench/results/latest.json (design §9).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleNodeApp } from '../scripts/bundle-node-app.mjs';
import { formatTable, validateFigures } from './table.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? args[filterAt + 1] : undefined;

function findBenchFiles() {
  const files = [];
  for (const group of ['packages', 'apps']) {
    const groupDir = path.join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const ws of readdirSync(groupDir)) {
      const benchDir = path.join(groupDir, ws, 'bench');
      if (!existsSync(benchDir)) continue;
      for (const f of readdirSync(benchDir)) {
        if (/\.bench\.(ts|tsx|mjs)$/.test(f)) files.push(path.join(benchDir, f));
      }
    }
  }
  return files.sort().filter((f) => !filter || f.includes(filter));
}

async function bundle(file, outDir) {
  const rel = path
    .relative(root, file)
    .replace(/[\\/]/g, '__')
    .replace(/\.(tsx?|mjs)$/, '.mjs');
  const outfile = path.join(outDir, rel);
  await bundleNodeApp({
    entry: file,
    outfile,
    sourcemap: 'inline',
    banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  });
  return outfile;
}

const outDir = path.join(root, '.cache', 'bench');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const files = findBenchFiles();
if (files.length === 0) {
  console.error('no benchmarks found');
  process.exit(1);
}

const figures = [];
const failures = [];
for (const file of files) {
  const name = path.relative(root, file);
  const started = Date.now();
  process.stderr.write(`bench ${name}${quick ? ' (quick)' : ''} ... `);
  let outfile;
  try {
    outfile = await bundle(file, outDir);
  } catch (err) {
    failures.push(`${name}: bundling failed: ${err.message}`);
    process.stderr.write('bundle failed\n');
    continue;
  }
  const resultFile = `${outfile}.json`;
  const driver = `import { run } from ${JSON.stringify(outfile)};
import { writeFileSync } from 'node:fs';
const figures = await run({ quick: ${quick} });
writeFileSync(${JSON.stringify(resultFile)}, JSON.stringify(figures));
process.exit(0);`;
  const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', driver], {
    cwd: root,
    // Benchmarks measure what users run: React's production build, as the bins select it.
    env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: quick ? 120_000 : 900_000,
  });
  if (r.status !== 0 || !existsSync(resultFile)) {
    failures.push(`${name}: exited with ${r.status ?? r.signal}`);
    process.stderr.write('failed\n');
    continue;
  }
  const got = JSON.parse(readFileSync(resultFile, 'utf8'));
  const problems = validateFigures(got);
  if (problems.length > 0) failures.push(`${name}: ${problems.join('; ')}`);
  for (const f of got) figures.push({ ...f, source: name });
  process.stderr.write(`${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

console.log(formatTable(figures));
mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
const latest = figures.map(({ source, ...f }) => f);
writeFileSync(path.join(root, 'bench', 'results', 'latest.json'), `${JSON.stringify(latest, null, 2)}\n`);
console.log(`\nwrote bench/results/latest.json (${latest.length} figures${quick ? ', quick' : ''})`);
if (failures.length > 0) {
  console.error(`\n${failures.length} benchmark(s) failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
