fn main() {
    mdm_console::mount();
}
