#!/usr/bin/env bash
# Installs what Redress needs to build and test, skipping whatever is already there.
# Sourced by scripts/dev.sh and scripts/test.sh. Everything comes from the package registries
# (crates.io, npm, Debian); trunk is configured never to download tools itself (Trunk.toml).

set -euo pipefail

REDRESS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"

# The version of a package in Cargo.lock (what the app is really built with), or nothing.
locked_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' \
    "$REDRESS_ROOT/Cargo.lock"
}

# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock exactly (Cargo.toml pins it
# with "=" so the lock cannot drift).
WASM_BINDGEN_VERSION="$(locked_version wasm-bindgen)"

# wasm-split-cli cuts the module at the split points that Leptos's wasm_split_helpers marks: the
# tool (crate wasm_split_cli_support) must be of the same 0.x series as wasm_split_helpers in
# Cargo.lock, or it misreads them. need_wasm_split checks this before installing.
WASM_SPLIT_VERSION="0.2.4"
# The Firefox driver for the smoke journey in other engines (scripts/engines.sh). Debian has no
# package, and the npm and PyPI wrappers download it from GitHub, so it is built from crates.io.
GECKODRIVER_VERSION="0.37.1"

export PATH="$HOME/.cargo/bin:$REDRESS_ROOT/node_modules/.bin:$PATH"

say() { printf '\n==> %s\n' "$*"; }

need_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "Adding the wasm32-unknown-unknown Rust target"
    rustup target add wasm32-unknown-unknown
  fi
}

need_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "Installing trunk $TRUNK_VERSION (takes about 11 minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

need_wasm_bindgen() {
  if [ -z "$WASM_BINDGEN_VERSION" ]; then
    echo "Cargo.lock has no wasm-bindgen package: run 'cargo generate-lockfile' and try again." >&2
    return 1
  fi
  local pinned
  pinned="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' "$REDRESS_ROOT/Cargo.toml")"
  if [ "$pinned" != "$WASM_BINDGEN_VERSION" ]; then
    echo "Cargo.toml must pin wasm-bindgen with \"=$WASM_BINDGEN_VERSION\" (Cargo.lock's version); it says \"${pinned:-nothing}\"." >&2
    return 1
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] \
    || ! command -v wasm-bindgen-test-runner >/dev/null; then
    say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes about 5 minutes, once)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked \
      || cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
}

need_wasm_split() {
  # Splits the built module into lazily loaded chunks (scripts/build-wasm.sh). Its split-point
  # format must match the wasm_split_helpers crate Leptos uses (Cargo.lock).
  local helpers
  helpers="$(locked_version wasm_split_helpers)"
  if [ "${helpers%.*}" != "${WASM_SPLIT_VERSION%.*}" ]; then
    echo "wasm-split-cli $WASM_SPLIT_VERSION does not match wasm_split_helpers ${helpers:-(missing)} in Cargo.lock: set WASM_SPLIT_VERSION in scripts/setup.sh to a wasm_split_cli_support release of the ${helpers%.*} series." >&2
    return 1
  fi
  # (The tool has no --version; cargo's list of installed packages says which one is there.)
  if ! command -v wasm-split-cli >/dev/null \
    || ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    say "Installing wasm-split-cli $WASM_SPLIT_VERSION (takes about 2 minutes, once)"
    cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
  fi
}

need_npm_packages() {
  # binaryen (wasm-opt 132), Playwright and axe-core, exactly as package-lock.json pins them.
  if [ ! -x "$REDRESS_ROOT/node_modules/.bin/wasm-opt" ] \
    || [ "$REDRESS_ROOT/package-lock.json" -nt "$REDRESS_ROOT/node_modules/.package-lock.json" ]; then
    say "Installing npm packages (wasm-opt, Playwright, axe-core)"
    (cd "$REDRESS_ROOT" && npm ci --no-audit --no-fund)
  fi
}

need_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "Installing Debian's chromium and chromium-driver"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium chromium-driver
  fi
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
  export CHROMIUM="${CHROMIUM:-$(command -v chromium)}"
}

apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "$@"
}

need_other_engines() {
  # The smoke journey's browsers (scripts/engines.sh): Firefox ESR, and WebKitGTK's WebDriver with
  # its MiniBrowser, which draws on a virtual display (Xvfb; xauth for xvfb-run).
  local missing=()
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
  command -v Xvfb >/dev/null || missing+=(xvfb)
  command -v xauth >/dev/null || missing+=(xauth)
  if [ "${#missing[@]}" -gt 0 ]; then
    say "Installing Debian's ${missing[*]}"
    apt_install "${missing[@]}"
  fi
}

geckodriver_version() {
  geckodriver --version 2>/dev/null | awk 'NR == 1 { print $2 }'
}

need_geckodriver() {
  if [ "$(geckodriver_version)" != "$GECKODRIVER_VERSION" ]; then
    say "Installing geckodriver $GECKODRIVER_VERSION (takes about 7 minutes, once)"
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
  fi
}

setup_build_tools() {
  need_wasm_target
  need_wasm_bindgen
  need_wasm_split
  need_trunk
  need_npm_packages
}

setup_test_tools() {
  setup_build_tools
  need_chromium
  need_other_engines
  need_geckodriver
}
