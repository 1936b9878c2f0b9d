# Sourced by the other scripts: one place for the paths every step shares.
# A build cache outside the clone lets a fresh clone (CI) reuse what was compiled before;
# it is created when missing and never required.
STATION_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export STATION_ROOT
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/station/target}"
mkdir -p "$CARGO_TARGET_DIR"
# npm's binaryen (wasm-opt 132) must come before any system wasm-opt: Debian's breaks the app.
export PATH="$STATION_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Python test tools (Schemathesis) live in a virtual environment in the cache.
export STATION_VENV="${STATION_VENV:-$HOME/.cache/station/venv}"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

# Each step says how long the script has run so far: where a run's time goes, at a glance.
step() { printf '\n==> %s  [%dm%02ds]\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)); }

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
