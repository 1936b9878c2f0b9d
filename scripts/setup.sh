#!/usr/bin/env bash
# Installs whatever the station needs and this machine lacks; skips what is already there.
#   scripts/setup.sh          what building and running needs
#   scripts/setup.sh --test   plus what the tests need (Chromium, ChromeDriver, PostgreSQL)
# Recipe and traps: see TOOLCHAIN notes in ARCHITECTURE.md ("Toolchain").
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$STATION_ROOT"

want_test_tools=false
[ "${1:-}" = "--test" ] && want_test_tools=true

apt_packages=()
if $want_test_tools; then
  [ -x "$CHROMIUM_PATH" ] || apt_packages+=(chromium)
  [ -x "$CHROMEDRIVER" ] || apt_packages+=(chromium-driver)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_packages+=(postgresql)
  python3 -c 'import venv, ensurepip' 2>/dev/null || apt_packages+=(python3 python3-venv)
  # A Chinese font: without one Chromium draws Chinese as boxes of the wrong width, and the
  # sweep's measurements (what is cut off, what is wider than the screen) would be of those.
  fc-list :lang=zh 2>/dev/null | grep -q . || apt_packages+=(fonts-wqy-microhei)
fi
command -v node >/dev/null || apt_packages+=(nodejs npm)
if [ ${#apt_packages[@]} -gt 0 ]; then
  step "Installing Debian packages: ${apt_packages[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${apt_packages[@]}"
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "Adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

# Trunk 0.22 needs a newer rustc than these machines have.
if ! trunk --version 2>/dev/null | grep -q '0\.21\.14'; then
  step "Installing trunk 0.21.14"
  cargo install trunk --locked --version 0.21.14
fi

# wasm-bindgen-cli must equal the library version in Cargo.lock exactly; its own lock file does
# not build here, hence no --locked.
wbg_version=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wbg_version\$"; then
  step "Installing wasm-bindgen-cli $wbg_version"
  cargo install wasm-bindgen-cli --version "$wbg_version"
fi

# Schemathesis (PyPI), pinned, in a virtual environment in the cache: the contract's fuzzer.
schemathesis_version=4.32.5
if $want_test_tools &&
  ! "$STATION_VENV/bin/schemathesis" --version 2>/dev/null | grep -q " $schemathesis_version\$"; then
  step "Installing Schemathesis $schemathesis_version"
  rm -rf "$STATION_VENV"
  python3 -m venv "$STATION_VENV"
  "$STATION_VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$schemathesis_version"
fi

# Node packages: binaryen (wasm-opt 132), esbuild (minifies the build), Playwright, axe-core,
# jsqr and pngjs (a journey decodes the check-in QR code).
# Browsers are never downloaded.
if [ ! -f node_modules/.station-stamp ] || [ package-lock.json -nt node_modules/.station-stamp ]; then
  step "Installing node packages"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.station-stamp
fi
