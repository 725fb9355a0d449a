#!/usr/bin/env bash
# Builds the console for production into dist/, after installing whatever is missing (setup.sh puts the pinned
# wasm-opt on the PATH, which Trunk needs offline). Extra arguments go to `trunk build`, for example
#   bash tests/tools/build.sh --public-url /admin/mdm/ --dist dist-subpath     # served under /admin/mdm/
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
trunk build --release --offline "$@"
