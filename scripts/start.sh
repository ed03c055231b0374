#!/usr/bin/env bash
# README command 1: install what is missing, then run Temporal, the mail catcher, the worker and the API.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
exec node --import tsx scripts/start.ts
