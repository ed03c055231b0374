#!/usr/bin/env bash
# README command 2: the same setup as start.sh, then every test suite (unit and end-to-end) in one Vitest run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
# Type checks and lint first (as CI runs them); skipped when a test filter is given, like the fuzz run.
[[ $# -gt 0 ]] || pnpm typecheck
[[ $# -gt 0 ]] || pnpm lint
# One run over every project (unit, e2e) so the closing "Tests  N passed (N)" line counts them all.
# The API fuzz run (schemathesis over /openapi.json; no 5xx, no accepted-but-lost event), bounded to 4 minutes.
# Skipped when a test filter is given or SKIP_FUZZ=1; it runs first so Vitest's summary stays the last line.
[[ "${SKIP_FUZZ:-0}" == 1 || $# -gt 0 ]] || bash scripts/fuzz.sh --max-seconds 240
exec pnpm exec vitest run "$@"
