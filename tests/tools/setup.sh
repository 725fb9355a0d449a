#!/usr/bin/env bash
# Installs whatever this machine lacks to build, run and test the console, and nothing it already has.
# Sourced by dev.sh and test.sh; safe to run again. See ../../README.md ("What the commands install").
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TRUNK_VERSION="0.21.14"
GECKODRIVER_VERSION="0.37.0"
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$ROOT/Cargo.lock")"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$ROOT/build/node_modules/.bin:$ROOT/tests/e2e/node_modules/.bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# rustup's own components: the format and lint gates (test.sh's first layer), and the standard library's source, which
# the release build compiles for the wasm (build.sh).
for component in rustfmt clippy rust-src; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "adding the $component component"
    rustup component add "$component"
  fi
done

# Trunk runs cargo offline (build.sh, dev.sh), so every crate it may compile must be in cargo's cache first: the
# project's, for every target (the wasm's own, such as lol_alloc, are not fetched by the native builds), and the
# standard library's, which the release build compiles from rust-src and whose lock file grows with each Rust release
# (1.95's std needs moto-rt: a fresh machine's release build failed on it).
STD_MANIFEST="$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
for manifest in "$ROOT/Cargo.toml" "$STD_MANIFEST"; do
  if ! RUSTC_BOOTSTRAP=1 cargo fetch --offline --manifest-path "$manifest" >/dev/null 2>&1; then
    say "fetching the crates of $manifest"
    RUSTC_BOOTSTRAP=1 cargo fetch --manifest-path "$manifest"
  fi
done

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 20 minutes on 2 cores, once)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 6 minutes, once)"
  # Its own lock file names a webpki-roots release that the registry here does not serve; resolve afresh then.
  cargo install --locked wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" \
    || cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Debian's packages, with one update and one install for whatever is missing: Chromium and its driver (Playwright,
# wasm-bindgen-test); the Japanese and Korean fonts admins have, so that every layout check and screenshot sees real
# glyphs; and, for the engine suite (tests/engines), Firefox ESR, WebKitGTK's WebDriver (it brings the MiniBrowser it
# drives) and Xvfb, the display WebKitGTK needs.
apt_missing=()
[ -x /usr/bin/chromium ] || apt_missing+=(chromium)
[ -x /usr/bin/chromedriver ] || apt_missing+=(chromium-driver)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'install ok installed' || apt_missing+=(fonts-noto-cjk)
[ -x /usr/bin/firefox-esr ] || apt_missing+=(firefox-esr)
[ -x /usr/bin/WebKitWebDriver ] || apt_missing+=(webkit2gtk-driver)
[ -x /usr/bin/Xvfb ] || apt_missing+=(xvfb)
if [ "${#apt_missing[@]}" -gt 0 ]; then
  say "installing Debian's ${apt_missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

# Firefox's WebDriver, from crates.io (no prebuilt download).
if [ "$(geckodriver --version 2>/dev/null | awk 'NR == 1 { print $2 }')" != "$GECKODRIVER_VERSION" ]; then
  say "installing geckodriver $GECKODRIVER_VERSION (about 5 minutes on 2 cores, once)"
  cargo install --locked geckodriver --version "$GECKODRIVER_VERSION"
fi

# The build's own tools, from their lock file: binaryen's wasm-opt 132 (Debian's older wasm-opt breaks the module),
# which Trunk runs from the PATH, and terser, which build/post-build.mjs runs.
if ! cmp -s "$ROOT/build/package-lock.json" "$ROOT/build/node_modules/.installed-from-lock" 2>/dev/null; then
  say "installing the npm packages of build"
  (cd "$ROOT/build" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$ROOT/build/package-lock.json" "$ROOT/build/node_modules/.installed-from-lock"
fi

# Playwright, axe-core and Prettier (test.sh's JS format gate), from the lock file.
if ! cmp -s "$ROOT/tests/e2e/package-lock.json" "$ROOT/tests/e2e/node_modules/.installed-from-lock" 2>/dev/null; then
  say "installing the npm packages of tests/e2e"
  (cd "$ROOT/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$ROOT/tests/e2e/package-lock.json" "$ROOT/tests/e2e/node_modules/.installed-from-lock"
fi

# The engine suite's WebDriver client (selenium-webdriver), from its lock file.
if ! cmp -s "$ROOT/tests/engines/package-lock.json" "$ROOT/tests/engines/node_modules/.installed-from-lock" 2>/dev/null; then
  say "installing the npm packages of tests/engines"
  (cd "$ROOT/tests/engines" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$ROOT/tests/engines/package-lock.json" "$ROOT/tests/engines/node_modules/.installed-from-lock"
fi

export CHROME_PATH=/usr/bin/chromium
export CHROMEDRIVER=/usr/bin/chromedriver
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
