#[cfg(target_arch = "wasm32")]
fn main() {
    // A panic in wasm otherwise shows only "unreachable executed" in the console, and leaves
    // a page that no longer answers: the hook says both.
    nubo::shell::crash::install();
    leptos::mount::mount_to_body(nubo::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "nubo is a WebAssembly app for the browser: `cargo xtask run` builds and serves it, \
         `cargo xtask build` only builds it into dist/."
    );
    std::process::exit(2);
}
