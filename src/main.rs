// Trunk builds the wasm from this binary. The console starts from the page's loader, which calls `mount_standalone`
// or `mount_embedded` (src/lib.rs) once the wasm and the language catalog have both arrived; until then the wasm
// only marks that it has started, which the benchmark's waterfall shows.
fn main() {
    mdm_console::mark_started();
}
