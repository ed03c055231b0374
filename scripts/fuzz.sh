#!/usr/bin/env bash
# Fuzz run driven by the API's OpenAPI document: schemathesis against the real platform (Temporal, mail catcher, API,
# worker) on free ports in a temp dir, then the "no accepted-but-lost event" check over the API's SQLite file.
# Fails on any 5xx answer, lost event, or failed schemathesis check (a schema-violating request accepted, an undocumented
# status code or content type, an answer its response schema does not describe, ...).
# Usage: bash scripts/fuzz.sh [--max-seconds N] [extra schemathesis options]
# Env: FUZZ_REPORT_DIR (copy the JUnit report there), FUZZ_MAX_EXAMPLES (per operation, default 40), FUZZ_INGEST_EXAMPLES (ingest pass, default 400), FUZZ_WORKERS (default 2), FUZZ_SEED, FUZZ_KEEP=1 (keep the temp dir),
#      FUZZ_SCHEMA (an OpenAPI file to use instead of /openapi.json).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

max_seconds=240
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --max-seconds) max_seconds="$2"; shift 2 ;;
    --max-seconds=*) max_seconds="${1#*=}"; shift ;;
    *) extra+=("$1"); shift ;;
  esac
done
started_at=$(date +%s)
say() { printf 'fuzz│ %s\n' "$*" >&2; }

# 1. schemathesis 4.x in the project venv (a no-op once installed).
venv=.tools/venv
[[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q 'version 4\.'; then
  say "installing schemathesis 4.x into $venv"
  "$venv/bin/pip" install --quiet 'schemathesis>=4,<5'
fi

# 2. The platform, in a temp dir; stopped on any exit.
work=$(mktemp -d "${TMPDIR:-/tmp}/lifecycle-fuzz-XXXXXX")
platform_pid=""
st_pid=""
cleanup() {
  local status=$?
  if [[ -n "$st_pid" ]]; then kill -INT "$st_pid" 2>/dev/null || true; wait "$st_pid" 2>/dev/null || true; fi
  if [[ -n "$platform_pid" ]] && kill -0 "$platform_pid" 2>/dev/null; then
    kill -TERM "$platform_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$platform_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$platform_pid" 2>/dev/null || true
  fi
  # A failed run shows what the API logged for its 5xx answers (the stack names the cause; the request alone may not).
  if (( status != 0 )) && [[ -s "$work/api.log" ]] && grep -q ' failed: ' "$work/api.log"; then
    say "the API's errors:"; grep -A14 ' failed: ' "$work/api.log" | head -90 >&2
  fi
  # An API that stopped answering (it died, or hung) leaves its last words at the end of its log.
  if (( status != 0 )) && [[ -s "$work/api.log" ]] && ! grep -q 'shutting down' "$work/api.log"; then
    say "the API did not shut down cleanly; the end of its log:"; tail -n 60 "$work/api.log" >&2
  fi
  if [[ "${FUZZ_KEEP:-0}" == 1 ]]; then say "kept $work"; else rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "starting the platform in $work"
node --import tsx scripts/fuzz/platform.ts "$work" >"$work/platform.json" 2>"$work/platform.log" &
platform_pid=$!
for _ in $(seq 1 240); do
  [[ -s "$work/platform.json" ]] && break
  if ! kill -0 "$platform_pid" 2>/dev/null; then say "the platform did not start:"; cat "$work/platform.log" >&2; exit 1; fi
  sleep 0.5
done
[[ -s "$work/platform.json" ]] || { say "the platform took over 2 minutes to start"; tail -50 "$work/platform.log" >&2; exit 1; }
field() { "$venv/bin/python" -c 'import json,sys; v=json.load(open(sys.argv[1]))[sys.argv[2]]; print(",".join(v) if isinstance(v, list) else (v or ""))' "$work/platform.json" "$1"; }
api_url=$(field apiUrl)
export FUZZ_TOKEN=$(field token) FUZZ_WRITE_KEY=$(field writeKey) FUZZ_PROTECTED_IDS=$(field protectedIds)
database_path=$(field databasePath)
say "API at $api_url ($([[ -n "$FUZZ_TOKEN" ]] && echo "admin API token created" || echo "no API token: the API has no accounts"))"

# 3. The schema: the API's own /openapi.json, else the hand-written fallback (an API that does not serve one yet).
location="$api_url/openapi.json"
schema_file="$work/openapi.json"
if [[ -n "${FUZZ_SCHEMA:-}" ]]; then
  cp "$FUZZ_SCHEMA" "$schema_file"; location="$schema_file"
elif ! curl -fsS -H "Authorization: Bearer $FUZZ_TOKEN" "$location" -o "$schema_file" 2>/dev/null; then
  say "no $location yet: using scripts/fuzz/fallback-openapi.json"
  cp scripts/fuzz/fallback-openapi.json "$schema_file"; location="$schema_file"
fi
"$venv/bin/python" scripts/fuzz/config.py "$schema_file" "$work/schemathesis.toml"

# Time left for schemathesis: the whole run stays within --max-seconds (30 s kept for the check and the shutdown).
# Two passes: every operation, then the ingest routes alone (where an accepted event could get lost) with more examples.
deadline=$(( started_at + max_seconds - 30 ))
budget=$(( deadline - $(date +%s) ))
(( budget >= 20 )) || budget=20
export FUZZ_LOG="$work/requests.jsonl" SCHEMATHESIS_HOOKS=scripts/fuzz/hooks.py
st_status=0
# Every check runs and fails the run, except these, each for a stated reason:
# - positive_data_acceptance: the API rightly refuses some inputs the schema cannot state (a message needs a userId or
#   an anonymousId, a draft's references must exist, a segment may not refer to itself), so valid-looking data is
#   sometimes refused with 4xx; negative_data_rejection still checks that what the schema forbids is refused.
# - unsupported_method, allow_header_conformance: an undeclared method on a known path answers 404 like any unknown
#   route (Hono's router), without 405 and Allow; no client relies on 405.
# - object_level_authorization: one workspace, no per-object ownership; every account of a role sees the same objects
#   by design, which this check would report as a leak between the two fuzz credentials.
excluded_checks=positive_data_acceptance,unsupported_method,allow_header_conformance,object_level_authorization
schemathesis_pass() { # <name> <seconds> <max examples> [options]
  local name=$1 seconds=$2 examples=$3 status=0
  shift 3
  say "schemathesis: $name, at most ${seconds} s"
  timeout --signal=INT --kill-after=10 $(( seconds + 20 )) \
    "$venv/bin/schemathesis" --config-file "$work/schemathesis.toml" run "$location" \
    --url "$api_url" \
    --workers "${FUZZ_WORKERS:-2}" \
    --max-examples "$examples" \
    --max-time "$seconds" \
    ${FUZZ_SEED:+--seed "$FUZZ_SEED"} \
    --checks all \
    --exclude-checks "$excluded_checks" \
    --request-timeout 15 \
    --generation-database none \
    --suppress-health-check all \
    --report junit --report-junit-path "$work/junit-$name.xml" \
    --no-color \
    "$@" ${extra[@]+"${extra[@]}"} &
  # In the background and waited for, so a TERM/INT reaches the trap at once (bash delays traps during a foreground child).
  st_pid=$!
  wait "$st_pid" || status=$?
  st_pid=""
  (( status <= st_status )) || st_status=$status
}
schemathesis_pass all-operations $(( budget * 6 / 10 )) "${FUZZ_MAX_EXAMPLES:-40}"
ingest_seconds=$(( deadline - $(date +%s) ))
(( ingest_seconds >= 10 )) || ingest_seconds=10
schemathesis_pass ingest "$ingest_seconds" "${FUZZ_INGEST_EXAMPLES:-400}" \
  --include-path-regex '^/v1/' --phases fuzzing
if [[ -n "${FUZZ_REPORT_DIR:-}" ]]; then mkdir -p "$FUZZ_REPORT_DIR" && cp "$work"/junit-*.xml "$FUZZ_REPORT_DIR/" 2>/dev/null || true; fi

# 4. Figures and the lost-event check (exit 1 on any 5xx or lost event).
check_status=0
node --import tsx scripts/fuzz/lostEvents.ts --log "$FUZZ_LOG" --db "$database_path" --seconds "$(( $(date +%s) - started_at ))" || check_status=$?
say "schemathesis exited $st_status, the 5xx/lost-event check $check_status"
(( check_status == 0 )) || exit "$check_status"
# schemathesis exits 1 when a check failed or an operation errored (verdict.py reads the reports: every failed check
# and every error fails the run, except one CPython bug inside the tool), other codes when it could not run at all.
if (( st_status > 1 )); then say "FAILED: schemathesis could not run (exit $st_status)"; exit "$st_status"; fi
if (( st_status == 1 )) && ! "$venv/bin/python" scripts/fuzz/verdict.py "$work"/junit-*.xml; then
  say "FAILED: schemathesis reported failing checks (see above)"; exit 1
fi
exit 0
