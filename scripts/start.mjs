// `npm start`: the embedded demo (apps/demo). Makes sure every part is built first — turbo's cache
// makes this quick when nothing changed, and `npm ci` already built once through `prepare` — and
// that the webapp plugin is packaged (its build makes the bundle, `npm run package` the tar.gz the
// demo installs on its server). Then runs the demo bundle in this process, argv passed through.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demo = path.join(root, 'apps', 'demo', 'dist', 'demo.js');
const args = process.argv.slice(2);
const helpOnly = args.includes('--help') || args.includes('-h');

function step(title, cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    process.stderr.write(
      `${r.stdout ?? ''}${r.stderr ?? ''}\nnpm start: ${title} failed: ${cmd} ${cmdArgs.join(' ')}\n`,
    );
    process.exit(1);
  }
}

if (!(helpOnly && existsSync(demo))) {
  process.stdout.write('Building Live Status (turbo run build, then the webapp plugin package)...\n');
  step('the build', 'turbo', ['run', 'build', '--output-logs=errors-only']);
  step('packaging the webapp plugin', 'npm', ['run', 'package', '-w', 'apps/mm-webapp', '--silent']);
}
await import(demo);
