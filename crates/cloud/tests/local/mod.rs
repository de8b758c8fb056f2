//! What the live test files share: the local cloud's seeded logins (`cargo xtask cloud up`) and
//! a nubo proxy configured as `cargo xtask run` configures it.

use std::path::PathBuf;

use nubo_cloud::transport::Proxy;
use nubo_proxy::{config::ServerConfig, workers::Workers};
use serde_json::Value;

/// `$NUBO_CLOUD_STATE`, or where `cargo xtask cloud` keeps its state.
pub fn state_dir() -> PathBuf {
    std::env::var_os("NUBO_CLOUD_STATE").map_or_else(
        || {
            PathBuf::from(std::env::var_os("HOME").expect("HOME is set"))
                .join(".local/share/nubo/local-cloud")
        },
        PathBuf::from,
    )
}

/// `openstack-logins.json` or `ec2-logins.json`, as the seed wrote it.
pub fn logins(file: &str) -> Value {
    let path = state_dir().join(file);
    serde_json::from_slice(
        &std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (is the local cloud up?)", path.display())),
    )
    .unwrap()
}

/// A proxy allowing exactly the local cloud's endpoints (config/nubo.toml), on a free port.
pub fn proxy() -> (Workers, Proxy) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut config = ServerConfig::load(&root.join("config/nubo.toml")).unwrap();
    config.listen = "127.0.0.1:0".parse().unwrap();
    let workers = Workers::start(&config, 1).unwrap();
    let prefix = Proxy(format!("http://{}/proxy/", workers.address));
    (workers, prefix)
}

/// A name no earlier run used.
pub fn unique(what: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("nubo-test-{what}-{}-{nanos}", std::process::id())
}
