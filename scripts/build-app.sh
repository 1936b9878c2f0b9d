#!/usr/bin/env bash
# Builds the browser app into dist/ (release; wasm-opt -Os twice, then flattened and its control
# flow re-relooped, then -Os twice more: brotli takes ~2.2 KiB more off each area than after -Os
# alone, which is smaller compressed than -Oz; first the exports of wasm-streams' stream classes
# go, which server_fn pulls in and nothing calls: 1.1 KiB; the flattening and the -Os after it run
# twice, told that the lowest KiB of memory is never used (--low-memory-unused): 1.1 KiB. That
# holds for this Rust wasm: its stack grows down from 1 MiB and its data lies above, so the lowest
# KiB is only reached by a stack within 1 KiB of overflowing, which is already memory corruption.
# Twice, written out, is a little smaller than rerunning the passes to a fixed point (--converge:
# three rounds) and takes 40 % less time, on a build that spends most of its time in wasm-opt;
# minified) and precompresses it.
# One bundle per area (src/bundle.rs): the calendar at the root, each other area from index.html
# with its own binary, built into the folder of its first path prefix. The same entry page is
# then copied into the folder of each further prefix of that area (its files are referenced by
# absolute URLs, so one copy of them serves all). The server answers a path with the entry of its
# longest prefix that has one.
#
# Two areas are built at a time, each into a staging folder of its own (cargo's builds still take
# turns on the build directory; wasm-bindgen and wasm-opt, most of the time, overlap), and the
# folders are moved into dist/ once all have built.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$STATION_ROOT"

# Every area besides the root, from the one table of areas (areas.json): its binary and path
# prefixes, in the table's order.
mapfile -t AREAS < <(node -e '
  for (const area of require("./areas.json").areas.slice(1)) console.log([area.bin, ...area.prefixes].join(" "));
')
# A failed read of the table must not pass for a table with only the root.
[ "${#AREAS[@]}" -gt 0 ] || { echo "areas.json lists no area besides the root" >&2; exit 1; }

stage=$(mktemp -d "${TMPDIR:-/tmp}/station-dist.XXXXXX")
# A failed build, or an interrupt, stops the other one too (background jobs of a script ignore
# SIGINT) before its staging folder goes.
trap 'kill $(jobs -p) 2>/dev/null || true; wait || true; rm -rf "$stage"' EXIT
trap 'exit 130' INT TERM

# Builds one area: its binary, the public URL of its folder, its entry page.
build_area() {
  local bin=$1 url=$2 page=$3
  trunk build --release --offline --skip-version-check "$page" --dist "$stage/$bin" \
    --public-url "$url" >"$stage/$bin.log" 2>&1 || {
    echo "building $bin failed:" >&2
    tail -40 "$stage/$bin.log" >&2
    return 1
  }
  # Trunk names the output after its source page.
  [[ "$page" == index.html || ! -f "$stage/$bin/$page" ]] || mv "$stage/$bin/$page" "$stage/$bin/index.html"
  echo "built $bin ($url)"
}

jobs_running=()
# Waits for the oldest build when two run; fails when a build failed.
throttle() {
  while [ "${#jobs_running[@]}" -ge "${1:-2}" ]; do
    wait "${jobs_running[0]}" || exit 1
    jobs_running=("${jobs_running[@]:1}")
  done
}

step "Building the app (trunk, release): the calendar and ${#AREAS[@]} other areas, two at a time"
build_area station-app / index.html &
jobs_running+=($!)
for area in "${AREAS[@]}"; do
  read -r bin first _ <<<"$area"
  throttle 2
  # The area's entry page: index.html with the area's binary, written beside it (so that its
  # relative links stay right) and ignored by git. config.json and robots.txt are the root's alone.
  page="entry-$bin.html"
  # The area's own stylesheets (areas.json's `styles`: the staff areas' style/staff.css, …),
  # after main.css, so that pages which never draw them do not carry them.
  styles=$(node -e '
    const area = require("./areas.json").areas.find((area) => area.bin === process.argv[1]);
    process.stdout.write((area.styles ?? []).map((href) => `<link data-trunk rel="css" href="${href}" />`).join(""));
  ' "$bin")
  sed -e "s/data-bin=\"station-app\"/data-bin=\"$bin\"/" \
      -e "s|\(<link data-trunk rel=\"css\" href=\"style/main.css\" />\)|\1$styles|" \
      -e '/rel="copy-file" href="public\/config.json"/d' \
      -e '/rel="copy-file" href="public\/robots.txt"/d' index.html >"$page"
  build_area "$bin" "/$first/" "$page" &
  jobs_running+=($!)
done
throttle 1

# Into dist/: the root first, then each area into the folder of its first prefix and its entry
# page into the folder of each further one.
rm -rf dist
mv "$stage/station-app" dist
for area in "${AREAS[@]}"; do
  read -r bin first others <<<"$area"
  mkdir -p "dist/$first"
  cp -R "$stage/$bin/." "dist/$first/"
  for prefix in $others; do
    mkdir -p "dist/$prefix"
    cp "dist/$first/index.html" "dist/$prefix/index.html"
  done
done

node scripts/minify.mjs dist
# Each area names the files of the one people most often open next, for when the page is idle.
node scripts/prefetch.mjs dist
# The languages besides zh-CN, loaded by the app on demand (src/i18n).
node scripts/locales.mjs dist
# After the files have their final names and the languages are there: the shell it precaches.
node scripts/service-worker.mjs dist
node scripts/precompress.mjs dist
