#!/usr/bin/env bash
# Installs what is missing, builds the app and starts the station with demo data.
# Extra arguments go to the server, e.g. `scripts/run.sh --listen 0.0.0.0:8080`.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$STATION_ROOT"
bash scripts/setup.sh
bash scripts/build-app.sh
step "Building the server"
cargo build --profile server -p station-server
step "Starting the station (Ctrl-C stops it)"
exec "$CARGO_TARGET_DIR/server/station-server" --dist-dir dist "$@"
