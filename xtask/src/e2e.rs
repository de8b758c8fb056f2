//! The browser end-to-end tests: the release build served by nubo's own server on 127.0.0.1,
//! driven in Debian's Chromium by Playwright (tests/e2e/*.test.mjs, Node's test runner), against
//! the local cloud of real services through nubo's proxy.

use std::{
    io::{Read, Write},
    net::{SocketAddr, TcpStream},
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use anyhow::{Context, Result, bail};

use crate::{
    child::{Running, free_port},
    cmd::{self, step},
    paths,
    tools::{self, Tools},
};

pub fn run(tools: &Tools, dist: &Path) -> Result<()> {
    step("Browser end-to-end tests");
    cmd::run(
        tools
            .command("cargo")
            .args(["build", "--locked", "-p", "nubo-proxy"]),
    )?;
    let work = paths::target("e2e");
    std::fs::create_dir_all(&work)?;
    // The configuration `cargo xtask run` uses: the local cloud, which is up by now.
    let config = paths::root().join("config").join("nubo.toml");
    let logins = crate::cloud::command(&["logins"])
        .output()
        .context("reading the local cloud's logins")?;
    if !logins.status.success() {
        bail!("`cargo xtask cloud logins` failed: is the local cloud up?");
    }

    let address = SocketAddr::from(([127, 0, 0, 1], free_port()?));
    let server = Server::start(&config, dist, address, &work.join("server.log"))?;
    server.wait_until_healthy(Duration::from_secs(30))?;
    println!("serving {} at http://{address}/", dist.display());

    // A second server for the played clouds: local upstreams a test plays on 127.0.0.1, for
    // what the local cloud does not hold (1,500 volumes), without changing the real cloud's pages.
    let played_port = free_port()?;
    let played_config = work.join("played.toml");
    std::fs::write(
        &played_config,
        format!(
            "[[clouds]]\nname = \"played\"\nlabel = \"Played Cinder\"\nkind = \"openstack\"\n\
             auth_url = \"http://127.0.0.1:{played_port}/identity/v3\"\nregion = \"RegionOne\"\n\n\
             [[upstreams]]\npattern = \"http://127.0.0.1:{played_port}\"\n"
        ),
    )?;
    let played_address = SocketAddr::from(([127, 0, 0, 1], free_port()?));
    let played = Server::start(
        &played_config,
        dist,
        played_address,
        &work.join("played-server.log"),
    )?;
    played.wait_until_healthy(Duration::from_secs(30))?;

    let mut node = tools.command("node");
    node.args(["--test", "--test-reporter=spec"])
        .args(test_files()?)
        .env("NUBO_URL", format!("http://{address}"))
        .env("NUBO_ARTIFACTS", &work)
        .env("NUBO_PLAYED_URL", format!("http://{played_address}"))
        .env("NUBO_PLAYED_PORT", played_port.to_string())
        .env(
            "NUBO_LOGINS",
            String::from_utf8_lossy(&logins.stdout).as_ref(),
        )
        .env("CHROMIUM", tools::CHROMIUM);
    let result = cmd::run(&mut node);
    drop(server);
    drop(played);
    result.map(|_| ()).with_context(|| {
        format!(
            "browser tests failed; screenshots and the server log are in {}",
            work.display()
        )
    })
}

fn test_files() -> Result<Vec<PathBuf>> {
    let dir = paths::root().join("tests").join("e2e");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("no *.test.mjs files in {}", dir.display());
    }
    Ok(files)
}

/// nubo's server as a child process, stopped when dropped so a failing test leaves nothing behind.
pub struct Server {
    _process: Running,
    address: SocketAddr,
}

impl Server {
    pub fn start(config: &Path, dist: &Path, address: SocketAddr, log: &Path) -> Result<Self> {
        let log = std::fs::File::create(log)?;
        let process = Running::spawn(
            Command::new(paths::root().join("target/debug/nubo-proxy"))
                .arg("--config")
                .arg(config)
                .arg("--dist")
                .arg(dist)
                .arg("--listen")
                .arg(address.to_string())
                .stdout(Stdio::from(log.try_clone()?))
                .stderr(Stdio::from(log)),
            "nubo-proxy",
        )?;
        Ok(Self {
            _process: process,
            address,
        })
    }

    pub fn wait_until_healthy(&self, limit: Duration) -> Result<()> {
        let started = Instant::now();
        while started.elapsed() < limit {
            if health(self.address).unwrap_or(false) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        bail!(
            "nubo-proxy did not answer /healthz on {} within {limit:?}",
            self.address
        )
    }
}

fn health(address: SocketAddr) -> Result<bool> {
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(1))?;
    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
    stream.write_all(b"GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n")?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    Ok(answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200"))
}
