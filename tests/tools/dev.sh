#!/usr/bin/env bash
# Runs the console locally against the mock backend, with live reload: http://127.0.0.1:8080/
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

MOCK_ADDR="127.0.0.1:8081"
cargo build --release -p mock-server
# A week of "Monitor only" behind it, so that Sign-in checks shows would-be refusals from the first minute. The
# tests start the mock without it: their seed is sync off, as it always was.
"${CARGO_TARGET_DIR:-$ROOT/target}/release/mock-server" --addr "$MOCK_ADDR" --seed-history monitor-week --keep-alive &
MOCK_PID=$!
trap 'kill $MOCK_PID 2>/dev/null' EXIT

say "mock backend on http://$MOCK_ADDR (seed data: Nimbus Logistics, Advanced plan, 1,024 members;"
say "  3rd-party MDM sync on in Monitor only for the past 7 days: see Sign-in checks)"
say "console on http://127.0.0.1:8080/ (rebuilds and reloads on every change; Ctrl+C stops both)"
# Its own output folder: dist/ stays the release build that the tests serve.
trunk serve --offline --dist target/dist-dev
