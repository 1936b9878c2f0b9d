#!/usr/bin/env bash
# Runs Schemathesis against a running station (its base URL as the first argument): every
# operation of the served OpenAPI document, all phases (examples, coverage, fuzzing, stateful),
# every check. Exits non-zero on any failure. The server must trust 127.0.0.1 as a proxy
# (`--trusted-proxies 127.0.0.1`; see tests/schemathesis/hooks.py) and hold the demo data,
# whose administrator the run acts as.
#   STATION_SCHEMATHESIS_EXAMPLES   examples per operation (default 30)
#   STATION_SCHEMATHESIS_SEED       a seed to replay a run (default: a new one, printed)
set -euo pipefail
source "$(dirname "$0")/env.sh"
base_url=${1:?usage: scripts/schemathesis.sh BASE_URL}

export STATION_BASE_URL="$base_url"
export STATION_SCHEMATHESIS_PHONE="${STATION_SCHEMATHESIS_PHONE:-13900000006}"
export STATION_SCHEMATHESIS_PASSWORD="${STATION_SCHEMATHESIS_PASSWORD:-demo1234}"
export SCHEMATHESIS_HOOKS=hooks
export PYTHONPATH="$STATION_ROOT/tests/schemathesis"
seed=()
[ -n "${STATION_SCHEMATHESIS_SEED:-}" ] && seed=(--seed "$STATION_SCHEMATHESIS_SEED")

cd "$STATION_ROOT/tests/schemathesis"
run() {
  "$STATION_VENV/bin/schemathesis" --config-file schemathesis.toml --no-color \
    run "$base_url/api/v1/openapi.json" \
    --url "$base_url" \
    --phases examples,coverage,fuzzing,stateful \
    --checks all \
    --max-examples "${STATION_SCHEMATHESIS_EXAMPLES:-30}" \
    --workers 2 \
    "${seed[@]}"
}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if run 2>&1 | tee "$log"; then
  exit 0
fi
# CPython 3.11's ast.parse is not thread-safe (python/cpython#106905): Hypothesis describing a
# strategy in two workers at once can crash the run with "AST constructor recursion depth
# mismatch" — a fault of the tool, not of the station. Only then, and only when nothing failed,
# the run may be made once more; every other error or failure fails the step.
# The summary's `Errors:` lists each kind with its count; every one must be that crash.
kinds=$(awk '/^Errors:/ { inside = 1; next } inside && /^  / { count++ } inside && !/^  / { inside = 0 } END { print count + 0 }' "$log")
runtime=$(sed -n 's/^  .* Runtime Error: \([0-9][0-9]*\)$/\1/p' "$log")
races=$(grep -c '^AST constructor recursion depth mismatch' "$log" || true)
# Exit status 75 says so; the caller runs it once more against a fresh station (not this one:
# the fuzzer has locked its administrator's phone for 15 minutes by now).
if ! grep -q '^Failures:' "$log" && [ "$kinds" = 1 ] && [ "${runtime:-0}" = "$races" ] && [ "$races" -gt 0 ]; then
  echo "Schemathesis crashed on CPython's ast.parse race (no failure found)" >&2
  exit 75
fi
exit 1
