#!/usr/bin/env bash
# Builds the browser app into dist/ (release, wasm-opt -Os run twice: smaller than -Oz once
# compressed, and the second pass takes ~0.3 KiB more off each area; minified) and precompresses it.
# One bundle per area (src/bundle.rs): the calendar at the root, each other area from index.html
# with its own binary, built into the folder of its first path prefix. The same entry page is
# then copied into the folder of each further prefix of that area (its files are referenced by
# absolute URLs, so one copy of them serves all). The server answers a path with the entry of its
# longest prefix that has one.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$STATION_ROOT"

step "Building the app (trunk, release): the calendar"
trunk build --release --offline --skip-version-check index.html --dist dist --public-url /

# Every other area, from the one table of areas (areas.json): its binary and path prefixes,
# in the table's order. Trunk empties its --dist folder first, so an area is built before the
# areas whose folders lie inside its own (me before me/login), and the root before all.
mapfile -t AREAS < <(node -e '
  for (const area of require("./areas.json").areas.slice(1)) console.log([area.bin, ...area.prefixes].join(" "));
')
# A failed read of the table must not pass for a table with only the root.
[ "${#AREAS[@]}" -gt 0 ] || { echo "areas.json lists no area besides the root" >&2; exit 1; }
for area in "${AREAS[@]}"; do
  read -r bin first others <<<"$area"
  step "Building the app (trunk, release): /$first ($bin)"
  # The area's entry page: index.html with the area's binary, written beside it (so that its
  # relative links stay right) and ignored by git. config.json is the root's alone.
  page="entry-$bin.html"
  # The staff areas (/staff/…) also load their own stylesheet, which residents' pages never carry.
  staff_css=()
  [[ "$first" != staff/* ]] || staff_css=(-e 's|\(<link data-trunk rel="css" href="style/main.css" />\)|\1<link data-trunk rel="css" href="style/staff.css" />|')
  sed -e "s/data-bin=\"station-app\"/data-bin=\"$bin\"/" "${staff_css[@]}" \
      -e '/rel="copy-file" href="public\/config.json"/d' index.html >"$page"
  trunk build --release --offline --skip-version-check "$page" --dist "dist/$first" --public-url "/$first/"
  # Trunk names the output after its source page.
  [[ ! -f "dist/$first/$page" ]] || mv "dist/$first/$page" "dist/$first/index.html"
  for prefix in $others; do
    mkdir -p "dist/$prefix"
    cp "dist/$first/index.html" "dist/$prefix/index.html"
  done
done

node scripts/minify.mjs dist
node scripts/precompress.mjs dist
