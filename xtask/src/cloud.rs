//! `cargo xtask cloud …`: the local cloud of real services. The orchestration lives in Python
//! (tests/local-cloud), next to the OpenStack code it configures; this module only calls it.

use std::process::Command;

use anyhow::{Context, Result};

use crate::{cmd, paths};

pub fn command(args: &[&str]) -> Command {
    let mut command = Command::new("python3");
    command
        .args(["-m", "localcloud"])
        .args(args)
        .current_dir(paths::root())
        .env(
            "PYTHONPATH",
            paths::root().join("tests").join("local-cloud"),
        )
        .env("PYTHONUNBUFFERED", "1");
    command
}

/// Forwards `cargo xtask cloud ARGS` to the orchestrator, exit code and all.
pub fn forward(args: &[String]) -> Result<()> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let status = command(&args).status()?;
    if !status.success() {
        anyhow::bail!("`cargo xtask cloud {}` failed ({status})", args.join(" "));
    }
    Ok(())
}

pub fn running() -> bool {
    command(&["status"])
        .stdout(std::process::Stdio::null())
        .status()
        .map(|status| status.success())
        .unwrap_or(false)
}

/// The local cloud's logins as JSON (`cargo xtask cloud logins`), for the browser tests.
pub fn logins() -> Result<String> {
    let logins = command(&["logins"])
        .output()
        .context("reading the local cloud's logins")?;
    if !logins.status.success() {
        anyhow::bail!("`cargo xtask cloud logins` failed: is the local cloud up?");
    }
    Ok(String::from_utf8_lossy(&logins.stdout).into_owned())
}

pub fn run(args: &[&str]) -> Result<()> {
    cmd::run(&mut command(args))?;
    Ok(())
}

/// Brings the cloud up for a test run and stops it when dropped, unless it was already running
/// (a developer's `cargo xtask run` keeps its cloud).
pub struct ForTests {
    started_here: bool,
}

impl ForTests {
    pub fn up() -> Result<Self> {
        let started_here = !running();
        let guard = Self { started_here };
        run(&["up"])?;
        Ok(guard)
    }
}

impl Drop for ForTests {
    fn drop(&mut self) {
        if self.started_here {
            cmd::step("Stopping the local cloud");
            let _ = run(&["down"]);
        }
    }
}
