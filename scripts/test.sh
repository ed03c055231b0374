#!/usr/bin/env bash
# README command 2: the same setup as start.sh, then every test suite (unit and end-to-end) in one Vitest run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
# One run over every project (unit, e2e) so the closing "Tests  N passed (N)" line counts them all.
exec pnpm exec vitest run "$@"
