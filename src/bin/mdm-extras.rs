// The second wasm module of the console (src/extras): the settings screen loads it once it can be used, and mounts
// the App Configuration kit and the Activity log from it (`mount_extras`).
fn main() {
    mdm_console::extras::mark_started();
}
