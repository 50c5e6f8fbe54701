#!/usr/bin/env bash
# The test command from the README: set-up, lint, then the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.cache/bin:$PATH"
pnpm lint
pnpm test
