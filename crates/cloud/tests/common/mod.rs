//! What the test files share: where the real API samples are.

use std::path::{Path, PathBuf};

/// `../shared/api-samples` beside the checkout, or `$NUBO_API_SAMPLES`; missing samples fail
/// the test rather than skip it.
pub fn samples_root() -> PathBuf {
    let root = std::env::var_os("NUBO_API_SAMPLES").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/api-samples"),
        PathBuf::from,
    );
    assert!(
        root.join("README.md").is_file(),
        "API samples not found at {} (set NUBO_API_SAMPLES)",
        root.display()
    );
    root
}
