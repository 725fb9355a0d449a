#!/usr/bin/env bash
# The benchmark: Lighthouse on both presets, the settings screen's cold and warm start against a static copy of it,
# the slowest interaction of the settings flow, and the first loads against the size goal. It prints a table with a
# verdict for each goal and exits non-zero when one is missed. Timings depend on the machine's load, so they are
# here and not in the test command (README, "The benchmark").
#
#   bash tests/tools/bench.sh [--runs N] [--only size,cold,warm,interactions,lighthouse,api,regions] [--no-build]
#                             [--no-keep-alive]
#
# The mock keeps connections alive, as a production server does; --no-keep-alive closes each (as in the tests),
# to measure what that costs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

build=1
connections=--keep-alive
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --no-keep-alive) connections= ;;
    *) args+=("$arg") ;;
  esac
done

if ! cmp -s tests/bench/package-lock.json tests/bench/node_modules/.installed-from-lock 2>/dev/null; then
  say "installing the benchmark's npm packages (Lighthouse 12.2.3)"
  (cd tests/bench && npm ci --no-audit --no-fund --loglevel=error)
  cp tests/bench/package-lock.json tests/bench/node_modules/.installed-from-lock
fi

if [ "$build" = 1 ] || [ ! -d dist ]; then
  bash tests/tools/build.sh
fi
cargo build --release -p mock-server

PORT="${BENCH_PORT:-4273}"
STATIC_DIR="$ROOT/target/bench-static"
mkdir -p "$STATIC_DIR"
: > "$STATIC_DIR/index.html"
"$ROOT/target/release/mock-server" --addr "127.0.0.1:$PORT" --static dist --mount "/bench-static=$STATIC_DIR" $connections \
  > "$ROOT/target/bench-mock.log" 2>&1 &
MOCK_PID=$!
trap 'kill $MOCK_PID 2>/dev/null' EXIT
for _ in $(seq 100); do
  kill -0 $MOCK_PID 2>/dev/null || { cat "$ROOT/target/bench-mock.log"; say "the mock backend did not start (is port $PORT taken? BENCH_PORT=N picks another)"; exit 1; }
  curl -sf "http://127.0.0.1:$PORT/api/v1/session" > /dev/null && break
  sleep 0.1
done

say "benchmark against http://127.0.0.1:$PORT (a few minutes: every figure is a median of repeated runs)"
node tests/bench/run.mjs "http://127.0.0.1:$PORT" "$STATIC_DIR" dist "${args[@]}"
