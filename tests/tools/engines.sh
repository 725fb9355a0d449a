#!/usr/bin/env bash
# The engine suite (tests/engines/): the flows that matter most in Firefox ESR and WebKitGTK (Safari's engine), through
# WebDriver. Installs what is missing (setup.sh), builds the console and the mock backend if they are not built yet
# (`--build` rebuilds them), starts the mock and the portal on ports 4300 and 4301 (ENGINES_PORT moves them), runs
# every spec in each engine, and ends with "engines: N passed, N failed". It fails, never skips, when a browser or a
# driver is missing.
#   bash tests/tools/engines.sh                         # both engines
#   bash tests/tools/engines.sh --engines webkit        # one
#   bash tests/tools/engines.sh -- --test-name-pattern=kit
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

build=0
args=()
for arg in "$@"; do
  if [ "$arg" = "--build" ]; then build=1; else args+=("$arg"); fi
done

if [ "$build" = 1 ] || [ ! -f dist/index.html ]; then
  say "building the console into dist/"
  bash tests/tools/build.sh
fi
if [ "$build" = 1 ] || [ ! -f dist-subpath/index.html ]; then
  say "building the console for /admin/mdm/ into dist-subpath/ (the element on the portal page loads it)"
  bash tests/tools/build.sh --public-url /admin/mdm/ --dist dist-subpath
fi
if [ "$build" = 1 ] || [ ! -x target/release/mock-server ]; then
  say "building the mock backend"
  cargo build --release -p mock-server
fi

exec node tests/engines/run.mjs "${args[@]}"
