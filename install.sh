#!/usr/bin/env bash
# Live Status install: dependencies, the daemon bundle, and the gateway:startup hook in the
# OpenClaw state directory (found as OpenClaw finds it). Safe to run again (idempotent).
#   LIVESTATUS_SKIP_NPM=1   skip `npm install` (dependencies already there)
#   LIVESTATUS_ENV_FILE=f   env file (MM_URL, MM_TOKEN, ...) the hook passes to the daemon
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"

if [[ "${LIVESTATUS_SKIP_NPM:-0}" != "1" ]]; then
  echo "==> installing npm dependencies"
  npm install --no-audit --no-fund
fi

node="$repo/node_modules/.bin/node"
[[ -x "$node" ]] || node="$(command -v node || true)"
if [[ -z "$node" ]] || ! "$node" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 24 ? 0 : 1)'; then
  echo "install.sh: Node 24 is required (npm install puts it in node_modules/.bin)" >&2
  exit 1
fi
node="$(cd "$(dirname "$node")" && pwd)/$(basename "$node")"
node="$(readlink -f "$node")"

if [[ ! -f "$repo/apps/daemon/dist/cli.js" ]]; then
  echo "==> building the daemon"
  (cd "$repo/apps/daemon" && "$node" build.mjs)
fi

if [[ -n "${OPENCLAW_STATE_DIR:-}" ]]; then
  state="$OPENCLAW_STATE_DIR"
elif [[ -n "${OPENCLAW_HOME:-}" ]]; then
  state="$OPENCLAW_HOME/.openclaw"
else
  state="$HOME/.openclaw"
fi

dest="$state/hooks/status-watcher-hook"
echo "==> installing the gateway:startup hook into $dest"
mkdir -p "$dest"
cp "$repo/hooks/status-watcher-hook/HOOK.md" "$repo/hooks/status-watcher-hook/handler.js" "$dest/"
env_file="${LIVESTATUS_ENV_FILE:-}"
"$node" -e '
const [file, daemonBin, node, envFile] = process.argv.slice(1);
const data = { daemonBin, node, ...(envFile ? { envFile } : {}) };
require("node:fs").writeFileSync(file, JSON.stringify(data, null, 2) + "\n");
' "$dest/install.json" "$repo/apps/daemon/bin/livestatus-daemon.mjs" "$node" "$env_file"

echo "==> done"
echo "Enable the hook:  openclaw hooks enable status-watcher-hook   (then restart the gateway)"
echo "Or start now:     MM_URL=... MM_TOKEN=... $repo/apps/daemon/bin/livestatus-daemon.mjs start"
