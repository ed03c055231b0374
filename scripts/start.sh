#!/usr/bin/env bash
# README command 1: install what is missing, then run Temporal, the mail catcher, the worker and the API.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Only the `temporal` CLI: the time-skipping test server (~84 MB) is for tests.sh.
temporal_binaries=start
source scripts/setup.sh
exec node --import tsx scripts/start.ts
