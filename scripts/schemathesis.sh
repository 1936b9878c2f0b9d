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
"$STATION_VENV/bin/schemathesis" --config-file schemathesis.toml --no-color \
  run "$base_url/api/v1/openapi.json" \
  --url "$base_url" \
  --phases examples,coverage,fuzzing,stateful \
  --checks all \
  --max-examples "${STATION_SCHEMATHESIS_EXAMPLES:-30}" \
  --workers 2 \
  "${seed[@]}"
