#!/usr/bin/env bash
# Builds the browser app into dist/ (release, wasm-opt -Oz) and precompresses it.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$STATION_ROOT"
step "Building the app (trunk, release)"
trunk build --release --offline --skip-version-check
node scripts/precompress.mjs dist
