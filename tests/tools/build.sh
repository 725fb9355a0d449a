#!/usr/bin/env bash
# Builds the console for production into dist/, after installing whatever is missing (setup.sh puts the pinned
# wasm-opt on the PATH, which Trunk needs offline). Extra arguments go to `trunk build`, for example
#   bash tests/tools/build.sh --public-url /admin/mdm/ --dist dist-subpath     # served under /admin/mdm/
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
# The release wasm's standard library is compiled from source (rustup's rust-src), with panics that abort on the
# spot: no panic message is formatted, as none could reach anyone (README "Size choices": -5.9 KB of first load).
# Only here, not in .cargo/config.toml: native and in-browser tests keep their panic messages, and cargo's
# build-std would otherwise rebuild std for the host too. Cargo appends these to the config's wasm32 rustflags.
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
trunk build --release --offline "$@"
