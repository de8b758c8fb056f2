//! Running programs: each step is announced with its command line and timed, because a silent
//! 16-minute install looks like a hang.

use std::{
    ffi::OsStr,
    process::Command,
    time::{Duration, Instant},
};

use anyhow::{Context, Result, bail};

pub fn step(title: &str) {
    println!("\n==> {title}");
}

/// Runs `command` with inherited output and fails with its exit status.
pub fn run(command: &mut Command) -> Result<Duration> {
    let shown = show(command);
    println!("$ {shown}");
    let started = Instant::now();
    let status = command
        .status()
        .with_context(|| format!("cannot start `{shown}`"))?;
    let took = started.elapsed();
    if !status.success() {
        bail!("`{shown}` failed ({status}) after {}", secs(took));
    }
    println!("    ({} in {})", first_word(&shown), secs(took));
    Ok(took)
}

/// The first line a program prints for `--version`, or `None` when it cannot be run.
pub fn version_of(program: impl AsRef<OsStr>) -> Option<String> {
    let output = Command::new(program).arg("--version").output().ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8(output.stdout)
        .ok()?
        .lines()
        .next()
        .map(|line| line.trim().to_owned())
}

pub fn secs(duration: Duration) -> String {
    format!("{:.1}s", duration.as_secs_f64())
}

fn show(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

fn first_word(line: &str) -> &str {
    line.split_whitespace().next().unwrap_or(line)
}
