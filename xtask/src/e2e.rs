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

/// The monkey's steps in the whole suite's short run: enough to cross every page a few times.
pub const SHORT_MONKEY: u32 = 60;
const MONKEY_FILE: &str = "monkey.test.mjs";

/// Which browser tests to run.
pub enum Suite {
    /// Every test file, then a short monkey run with a fresh seed.
    All,
    /// The monkey alone: a long run, or a replay of a seed it printed.
    Monkey { steps: u32, seed: Option<u32> },
}

pub fn run(tools: &Tools, dist: &Path, suite: Suite) -> Result<()> {
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
    let logins = crate::cloud::logins()?;

    let server = Server::serve(&config, dist, &work.join("server.log"))?;
    println!("serving {} at {}/", dist.display(), server.url());

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
    let played = Server::serve(&played_config, dist, &work.join("played-server.log"))?;

    let node = |files: Vec<PathBuf>, steps: u32, seed: Option<u32>| {
        let mut node = tools.command("node");
        node.args(["--test", "--test-reporter=spec"])
            .args(files)
            .env("NUBO_MONKEY_STEPS", steps.to_string())
            .env(
                "NUBO_MONKEY_SEED",
                seed.map(|s| s.to_string()).unwrap_or_default(),
            )
            .env("NUBO_URL", server.url())
            .env("NUBO_ARTIFACTS", &work)
            .env("NUBO_PLAYED_URL", played.url())
            .env("NUBO_PLAYED_PORT", played_port.to_string())
            .env("NUBO_LOGINS", &logins)
            .env("CHROMIUM", tools::CHROMIUM);
        node
    };
    let (files, monkey) = test_files()?;
    // The monkey runs last, on its own: what its submits create must not show up in the lists
    // the other tests read (it removes them when it ends).
    let result = match suite {
        Suite::All => cmd::run(&mut node(files, 0, None))
            .and_then(|_| cmd::run(&mut node(vec![monkey], SHORT_MONKEY, None))),
        Suite::Monkey { steps, seed } => cmd::run(&mut node(vec![monkey], steps, seed)),
    };
    drop(server);
    drop(played);
    result.map(|_| ()).with_context(|| {
        format!(
            "browser tests failed; screenshots and the server log are in {}",
            work.display()
        )
    })
}

/// Every test file but the monkey, and the monkey.
fn test_files() -> Result<(Vec<PathBuf>, PathBuf)> {
    let dir = paths::root().join("tests").join("e2e");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    let monkey = dir.join(MONKEY_FILE);
    files.retain(|file| *file != monkey);
    if files.is_empty() || !monkey.exists() {
        bail!(
            "no *.test.mjs files, or no {MONKEY_FILE}, in {}",
            dir.display()
        );
    }
    Ok((files, monkey))
}

/// nubo's server as a child process, stopped when dropped so a failing test leaves nothing behind.
pub struct Server {
    _process: Running,
    address: SocketAddr,
}

impl Server {
    fn start(config: &Path, dist: &Path, address: SocketAddr, log: &Path) -> Result<Self> {
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

    /// Starts on a free port of 127.0.0.1 and waits until it answers.
    pub fn serve(config: &Path, dist: &Path, log: &Path) -> Result<Self> {
        let address = SocketAddr::from(([127, 0, 0, 1], free_port()?));
        let server = Self::start(config, dist, address, log)?;
        server.wait_until_healthy(Duration::from_secs(30))?;
        Ok(server)
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    fn wait_until_healthy(&self, limit: Duration) -> Result<()> {
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
