#!/usr/bin/env bash
# Builds the browser app into dist/ (release, wasm-opt -Oz) and precompresses it.
# One bundle per area (src/bundle.rs): the calendar at the root, the others under their path
# prefix, each from index.html with its own binary. The server serves dist/<prefix>/index.html
# for paths under that prefix.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$STATION_ROOT"

step "Building the app (trunk, release): the calendar"
trunk build --release --offline --skip-version-check index.html --dist dist --public-url /

for area in me staff; do
  step "Building the app (trunk, release): /$area"
  # The area's entry page: index.html with the area's binary, written beside it (so that its
  # relative links stay right) and ignored by git. config.json is the root's alone.
  sed -e "s/data-bin=\"station-app\"/data-bin=\"station-$area\"/" \
      -e '/rel="copy-file" href="public\/config.json"/d' index.html >"$area.html"
  trunk build --release --offline --skip-version-check "$area.html" --dist "dist/$area" --public-url "/$area/"
  mv "dist/$area/$area.html" "dist/$area/index.html" 2>/dev/null || true
done

node scripts/precompress.mjs dist
