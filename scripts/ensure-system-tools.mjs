// Installs the system tools the test suite drives for real (tmux for the TUI, Debian's chromium
// for the webapp). As root with apt it installs what is missing; otherwise it fails naming the
// command to run. Nothing is skipped silently: a missing real part is an error (design §9).
import { execFileSync, spawnSync } from 'node:child_process';

const TOOLS = [
  { bin: 'tmux', pkg: 'tmux' },
  { bin: 'chromium', pkg: 'chromium' },
];

function has(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

export function ensureSystemTools() {
  const missing = TOOLS.filter((t) => !has(t.bin));
  if (missing.length === 0) return;
  const pkgs = missing.map((t) => t.pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !has('apt-get')) {
    console.error(
      `Missing test tools: ${pkgs.join(', ')}. Install them with:\n  sudo apt-get install -y ${pkgs.join(' ')}`,
    );
    process.exit(1);
  }
  console.log(`Installing test tools: ${pkgs.join(', ')} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], {
    stdio: 'inherit',
    env,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) ensureSystemTools();
