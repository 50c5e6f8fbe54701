#!/usr/bin/env bash
# One-shot set-up for a fresh clone: pnpm (from npm, not corepack), dependencies, system tools, build.
# Safe to run again; each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

# onnxruntime-node's install script downloads the CUDA provider from outside the npm registry.
# The CPU provider ships inside the package; GPU boxes with internet can run a plain install instead.
export ONNXRUNTIME_NODE_INSTALL="${ONNXRUNTIME_NODE_INSTALL:-skip}"

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "taonode needs Node.js >= 20 (found $(node -v)); install Node 20 or 22 and run again." >&2
  exit 1
fi

if ! command -v pnpm >/dev/null 2>&1 || ! pnpm --version 2>/dev/null | grep -q '^10\.'; then
  echo "setup: installing pnpm 10 from npm"
  npm i -g pnpm@10 >/dev/null 2>&1 || {
    echo "setup: global npm install not permitted; using npx pnpm@10" >&2
    mkdir -p .cache/bin
    printf '#!/usr/bin/env bash\nexec npx -y pnpm@10 "$@"\n' > .cache/bin/pnpm
    chmod +x .cache/bin/pnpm
    export PATH="$PWD/.cache/bin:$PATH"
  }
fi

if [ -f scripts/system-deps.sh ]; then bash scripts/system-deps.sh; fi

echo "setup: installing dependencies"
pnpm install --frozen-lockfile --reporter=append-only 2>&1 | grep -v -E '^Progress' | tail -n 5
echo "setup: building"
pnpm build
