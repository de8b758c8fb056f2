//! `cargo xtask bench first-visit`: each OpenStack page's first visit after Log in, on the local
//! cloud, in headless Chromium (tests/bench/first_visit.mjs): click to first row, and the calls
//! behind it. Prints figures; no threshold.

use anyhow::Result;

use crate::{
    cloud,
    cmd::{self, step},
    e2e::Server,
    paths, tools,
};

pub fn run() -> Result<()> {
    let (tools, dist) = crate::bench::app_and_proxy()?;
    let _cloud = cloud::ForTests::up()?;
    let logins = cloud::logins()?;
    step("First visit of each page after Log in");
    let work = paths::target("bench-first-visit");
    std::fs::create_dir_all(&work)?;
    let config = paths::root().join("config").join("nubo.toml");
    let server = Server::serve(&config, &dist, &work.join("server.log"))?;
    let result = cmd::run(
        tools
            .command("node")
            .arg(paths::root().join("tests/bench/first_visit.mjs"))
            .env("NUBO_URL", server.url())
            .env("NUBO_LOGINS", &logins)
            .env("CHROMIUM", tools::CHROMIUM),
    );
    drop(server);
    result.map(|_| ())
}
