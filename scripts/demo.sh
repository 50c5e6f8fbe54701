#!/usr/bin/env bash
# The main-job command from the README: set-up, then `taonode demo` on embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.cache/bin:$PATH"
exec pnpm --silent taonode demo "$@"
