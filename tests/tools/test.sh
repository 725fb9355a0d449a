#!/usr/bin/env bash
# Runs every test layer of the console, in order, and stops at the first that fails:
#   0. the format and lint gates (rustfmt, clippy with warnings as errors, Prettier on the project's own JS), and the
#      stylesheets' check (every one under style/ bundled)
#   1. native cargo tests (shared logic, the import-direction rule, and the mock backend's API over real HTTP)
#   2. wasm-bindgen-test: real components in headless Chromium
#   3. the release builds (at / and under the sub-path /admin/mdm/), the engine suite (Firefox ESR and WebKitGTK
#      through WebDriver), and the first-load size budget
#   4. Playwright end-to-end tests (desktop and phone) against the built console served by the mock; the contract check
#      (docs/openapi.yaml against the OpenAPI 3.1 schema, then every answer the mock recorded in those tests against
#      it); and the teardown tests again, 20 times in a row
set -euo pipefail
setup_start=$SECONDS
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
setup_seconds=$((SECONDS - setup_start))
cd "$ROOT"

# A fresh CI clone builds everything anew: incremental caches would only add gigabytes it never reads again.
if [ -n "${CI:-}" ]; then export CARGO_INCREMENTAL=0; fi
# The disk is shared with other work on the machine: a run that fills it fails in the linker, so the space shows.
disk() { say "disk: $(df -h --output=avail "$ROOT" | tail -1 | tr -d ' ') free; build output $(du -sh "$ROOT/target" 2>/dev/null | cut -f1 || true)"; }
disk

passed=0
timings=()
layer() { say "── $1"; layer_name="$1"; layer_start=$SECONDS; }
# Each layer's time, so that growth shows from one run to the next (printed again at the end, as a table).
done_layer() {
  passed=$((passed + 1))
  timings+=("$(printf '%5d s  %s' $((SECONDS - layer_start)) "$layer_name")")
  say "   took $((SECONDS - layer_start)) s"
}
print_times() { say "time per layer (set-up: ${setup_seconds} s):"; printf '  %s\n' "${timings[@]}"; disk; }
trap 'print_times; echo "layers: $passed passed, 1 failed"' ERR

# Style first: it takes seconds, and a change that fails it is not ready for the slower layers.
layer "format and lint: rustfmt, clippy -D warnings (native, both wasm programs, the browser tests), Prettier, the stylesheets"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --no-default-features --lib --tests -- -D warnings
cargo clippy --target wasm32-unknown-unknown --bin mdm-console --test browser -- -D warnings
cargo clippy --target wasm32-unknown-unknown --bin mdm-panels --no-default-features --features panels -- -D warnings
tests/e2e/node_modules/.bin/prettier --check "src/embed/*.js" "build/*.mjs" "tests/**/*.{js,mjs}"
# Every stylesheet under style/ imported by style/main.css, each component's at its Rust file's path (build/styles.mjs;
# every build checks it too).
node build/styles.mjs
done_layer

layer "native tests: cargo test --workspace"
cargo test --workspace
done_layer

layer "in-browser tests: wasm-bindgen-test in headless Chromium"
cargo test --target wasm32-unknown-unknown --test browser
done_layer

layer "release build: trunk build --release --offline, at / and under /admin/mdm/"
bash tests/tools/build.sh
bash tests/tools/build.sh --public-url /admin/mdm/ --dist dist-subpath
cargo build --release -p mock-server
done_layer

layer "engine suite: Firefox ESR and WebKitGTK through WebDriver"
bash tests/tools/engines.sh
done_layer

layer "budget: first-load files, brotli-compressed"
node tests/tools/budget.mjs dist
done_layer

layer "end-to-end tests: Playwright, desktop and phone"
# The mock records every answer here (playwright.config.js); an old record must never pass for this run's.
rm -f tests/e2e/.mock-record.jsonl
(cd tests/e2e && npx playwright test)
done_layer

# The contract and the mock can never drift: each answer of the run above, against docs/openapi.yaml.
layer "API contract: docs/openapi.yaml valid, and every answer the mock gave in the end-to-end tests matches it"
node tests/tools/openapi-check.mjs tests/e2e/.mock-record.jsonl
done_layer

# A race that fails one time in three must fail here: the screen removed at each stage of its life, 20 times over.
layer "teardown at any moment: Playwright, 20 times in a row"
(cd tests/e2e && npx playwright test specs/teardown.spec.js --project=desktop --repeat-each=20)
done_layer

trap - ERR
print_times
echo "layers: $passed passed, 0 failed"
