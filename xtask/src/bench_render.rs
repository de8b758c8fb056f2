//! `cargo xtask bench render`: the release app behind nubo's proxy, in headless Chromium, against
//! a local upstream that serves thousands of Nova-shaped servers (tests/bench/render.mjs plays
//! Keystone, Nova and Glance from the projects' API samples). Prints figures; no threshold.

use anyhow::Result;

use crate::{
    child::free_port,
    cmd::{self, step},
    e2e::Server,
    paths, tools,
};

pub fn run() -> Result<()> {
    let (tools, dist) = crate::bench::app_and_proxy()?;
    step("Instances page with many servers");
    let work = paths::target("bench-render");
    std::fs::create_dir_all(&work)?;
    let upstream = free_port()?;
    // The bench cloud's Keystone, Nova and Glance all live on the one upstream port.
    let config = work.join("nubo.toml");
    std::fs::write(
        &config,
        format!(
            "[[clouds]]\nname = \"bench\"\nlabel = \"Bench\"\nkind = \"openstack\"\n\
             auth_url = \"http://127.0.0.1:{upstream}/identity/v3\"\nregion = \"RegionOne\"\n\n\
             [[upstreams]]\npattern = \"http://127.0.0.1:{upstream}\"\n"
        ),
    )?;
    let server = Server::serve(&config, &dist, &work.join("server.log"))?;
    let result = cmd::run(
        tools
            .command("node")
            .arg(paths::root().join("tests/bench/render.mjs"))
            .env("NUBO_URL", server.url())
            .env("NUBO_UPSTREAM_PORT", upstream.to_string())
            .env("NUBO_ARTIFACTS", &work)
            .env("CHROMIUM", tools::CHROMIUM),
    );
    drop(server);
    result.map(|_| ())
}
