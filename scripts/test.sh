#!/usr/bin/env bash
# README command 2: the same setup as start.sh, then every check and test suite (unit and end-to-end) against real
# processes. Its last line is always the plain count CI reads: "N passed, N failed" (skipped tests on the line before).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

results=.data/test-results
mkdir -p "$results"
report="$results/vitest.json"
rm -f "$report"
# Each phase's wall time, printed after it (and all again before the closing line), so a slow CI run shows where.
phase_times=()
timed() { # <phase name> <command …>: runs the command, records how long it took, keeps its exit status
  local name=$1 start=$SECONDS status=0
  shift
  "$@" || status=$?
  phase_times+=("$name $((SECONDS - start)) s")
  echo "phase $name took $((SECONDS - start)) s"
  return "$status"
}
summary() {
  for line in "${phase_times[@]}"; do echo "  phase $line"; done
  node --import tsx scripts/testRun/summary.ts "$report" "$@" # <vitest exit status> [check=status …]
}

# Setup failing means nothing can run: still close with the count line so CI sees a failure, not "no test". A new shell,
# not a subshell, so setup.sh's own `set -e` applies (inside an `if` condition it would be ignored).
if ! timed setup bash -c 'set -e; source scripts/setup.sh'; then
  echo "setup failed"
  summary 1 setup=1
  exit 1
fi

# The browser tests need Chromium; a machine without it gets Debian's package (a failure shows in those tests' errors).
timed chromium bash scripts/ensureChromium.sh || echo "Chromium could not be installed: the browser tests will fail"
# The Postgres tests need PostgreSQL's server binaries; a machine without them gets Debian's package.
timed postgres bash scripts/ensurePostgres.sh || echo "PostgreSQL could not be installed: the Postgres tests will fail"

# Type checks, lint and the API fuzz run (schemathesis over /openapi.json, bounded to 4 minutes) each count as one
# test in the closing line. A test filter (arguments) or SKIP_FUZZ=1 runs only the Vitest tests asked for.
typecheck=skip lint=skip fuzz=skip
if [[ $# -eq 0 ]]; then
  # Type checks and lint each use one core: side by side, their outputs kept apart and printed one after the other.
  checks=$(mktemp -d)
  ( timed typecheck pnpm typecheck >"$checks/typecheck.out" 2>&1; echo $? >"$checks/typecheck.status" ) &
  ( timed lint pnpm lint >"$checks/lint.out" 2>&1; echo $? >"$checks/lint.status" ) &
  wait
  cat "$checks/typecheck.out" "$checks/lint.out"
  typecheck=$(cat "$checks/typecheck.status") lint=$(cat "$checks/lint.status")
  for check in typecheck lint; do phase_times+=("$(grep -h "^phase $check took" "$checks/$check.out" | sed 's/^phase //; s/ took / /')"); done
  rm -rf "$checks"
  if [[ "${SKIP_FUZZ:-0}" != 1 ]]; then timed fuzz bash scripts/fuzz.sh --max-seconds 240; fuzz=$?; fi
fi

# One Vitest run over every project (unit, e2e); its JSON report is what the closing line counts.
timed vitest pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
summary "$?" "typecheck=$typecheck" "lint=$lint" "fuzz=$fuzz"
