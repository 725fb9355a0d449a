// The second wasm module of the console (src/panels): the settings screen loads it once it can be used, and mounts
// the App Configuration kit and the Activity log from it (`mount_panels`).
fn main() {
    mdm_console::panels::mark_started();
}
