fn main() {
    // A panic in wasm otherwise shows only "unreachable executed" in the console.
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(nubo::app::App);
}
