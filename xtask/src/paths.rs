//! Where things are, whatever directory `cargo xtask` was started from.

use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_owned()
}

pub fn dist() -> PathBuf {
    root().join("dist")
}

/// Scratch space for test runs, screenshots and generated configs; ignored by git.
pub fn target(sub: &str) -> PathBuf {
    root().join("target").join(sub)
}

pub fn cargo_bin() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| home().join(".cargo"));
    home.join("bin")
}

fn home() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/root"))
}

pub fn node_bin() -> PathBuf {
    root().join("node_modules").join(".bin")
}
