#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through playwright-core (no bundled browser download): install it when it
# is missing, as the tests' own setup, so a fresh machine runs them. CHROMIUM_PATH points at another Chromium.
set -euo pipefail
path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ -x "$path" ]]; then exit 0; fi
if [[ -n "${CHROMIUM_PATH:-}" ]]; then
  echo "CHROMIUM_PATH=$path is not an executable Chromium" >&2
  exit 1
fi
echo "▸ installing Chromium for the browser tests (Debian package chromium)"
as_root=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then as_root=(sudo -n); else
    echo "Chromium is missing and installing it needs root: run 'sudo apt-get install -y chromium', or set CHROMIUM_PATH" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing and this machine has no apt-get: install Chromium and set CHROMIUM_PATH to it" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# A fresh machine's package lists may be missing or stale: refresh them once if the first try fails.
"${as_root[@]}" apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 \
  || { "${as_root[@]}" apt-get update >/dev/null && "${as_root[@]}" apt-get install -y --no-install-recommends chromium >/dev/null; }
[[ -x "$path" ]] || { echo "installed the chromium package, but $path is still missing" >&2; exit 1; }
