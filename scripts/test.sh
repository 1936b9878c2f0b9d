#!/usr/bin/env bash
# Runs every test of the station, installing what is missing first. CI runs exactly this.
#   formatting and lints → wire/server tests on SQLite and PostgreSQL → the app build and its
#   size budget → the conformance suite against the running reference server (both stores) →
#   Schemathesis against it (both stores) → component tests in headless Chromium → Playwright
#   journeys with axe-core, side by side with the sweep of every route in every mode and
#   language (tests/sweep).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$STATION_ROOT"

bash scripts/setup.sh --test

work=$(mktemp -d "${TMPDIR:-/tmp}/station-test.XXXXXX")
[ "$(id -u)" -eq 0 ] && chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  bash scripts/pg.sh stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Starts the debug server on a free port with a fresh store (extra arguments go to the
# server); sets $base_url.
start_server() {
  local database_url=$1 port
  shift
  port=$(free_port)
  "$CARGO_TARGET_DIR/debug/station-server" --listen "127.0.0.1:$port" \
    --database-url "$database_url" --dist-dir dist "$@" >"$work/server-$port.log" 2>&1 &
  pids+=($!)
  base_url="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    curl -fsS "$base_url/healthz" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "the server did not start; its log:" >&2
  cat "$work/server-$port.log" >&2
  return 1
}

step "Formatting"
cargo fmt --all -- --check

step "Lints (server side, then the wasm app)"
cargo clippy -p station-wire -p station-server -p station-conformance --all-targets --locked -- -D warnings
cargo clippy -p station-app --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

step "Wire, server and conformance-crate tests on SQLite"
cargo test -p station-wire -p station-server -p station-conformance --locked

step "Server tests on PostgreSQL"
pg_url=$(bash scripts/pg.sh start "$work/pg" "$(free_port)")
STATION_TEST_POSTGRES_URL="$pg_url" cargo test -p station-server --locked

step "Building the app"
bash scripts/build-app.sh
bash bench/size

step "Conformance suite against the reference server (SQLite, then PostgreSQL)"
cargo build -p station-server -p station-conformance --locked
# The demo data's administrator runs the console's checks (none may be skipped here).
export STATION_CONFORMANCE_ADMIN_PHONE=13900000006 STATION_CONFORMANCE_ADMIN_PASSWORD=demo1234
start_server "sqlite://$work/conformance.sqlite3"
STATION_BASE_URL="$base_url" "$CARGO_TARGET_DIR/debug/station-conformance"
psql -q "$pg_url" -c 'CREATE DATABASE conformance'
start_server "${pg_url%/postgres}/conformance"
STATION_BASE_URL="$base_url" "$CARGO_TARGET_DIR/debug/station-conformance"

step "Schemathesis against the reference server (SQLite, then PostgreSQL)"
# A fresh station with the demo data each, whose administrator the run acts as; it trusts
# nothing but what the document says (tests/schemathesis/).
# When the tool itself crashed (exit 75, scripts/schemathesis.sh), once more on another fresh one.
schemathesis_on() {
  local store=$1 attempt status database
  for attempt in 1 2; do
    if [ "$store" = sqlite ]; then
      database="sqlite://$work/schemathesis-$attempt.sqlite3"
    else
      psql -q "$pg_url" -c "CREATE DATABASE schemathesis_$attempt"
      database="${pg_url%/postgres}/schemathesis_$attempt"
    fi
    start_server "$database" --password-hash-memory-kib 1024
    status=0
    bash scripts/schemathesis.sh "$base_url" || status=$?
    if [ "$status" = 75 ] && [ "$attempt" = 1 ]; then
      echo "running Schemathesis once more, against a fresh station" >&2
      continue
    fi
    return "$status"
  done
}
schemathesis_on sqlite
schemathesis_on postgres

step "Component tests in headless Chromium"
# The component tests call the real server from the test runner's origin (a random port).
start_server "sqlite://$work/components.sqlite3" --allowed-origins '*' 
# Chromium leaves a ~100 MB profile in $TMPDIR for each test binary; keep them in the work dir.
mkdir -p "$work/chromium"
# Without debug info (DWARF nobody reads in a browser): each test's wasm is 6 MB, not 180, and
# links and is prepared by wasm-bindgen in a fifth of the time.
TMPDIR="$work/chromium" STATION_TEST_API="$base_url" CARGO_PROFILE_DEV_DEBUG=false \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test -p station-app --target wasm32-unknown-unknown --tests --locked

step "Playwright journeys and the sweep in Chromium"
STATION_SERVER_BIN="$CARGO_TARGET_DIR/debug/station-server" STATION_DIST_DIR="$STATION_ROOT/dist" \
  npx playwright test
node tests/sweep/figures.mjs
