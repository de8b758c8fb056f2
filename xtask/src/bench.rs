//! Benchmarks that print figures for the notes; none of them asserts a threshold.

use anyhow::Result;
use clap::Subcommand;

use crate::{build, tools};

#[derive(Subcommand)]
pub enum Bench {
    /// Transfer size of the release app: raw, gzip -9 and Brotli (q11) per file; then the
    /// crates its code comes from.
    Size,
    /// Requests/s and p99 latency through nubo-proxy and through nginx, with wrk.
    Proxy,
    /// The Instances page with 10, 1,000 and 5,000 servers in headless Chromium: API calls, and
    /// the time from the last list answer to the painted rows.
    Render,
    /// Each OpenStack page's first visit after Log in on the local cloud: the time from the
    /// click to the first row, and the calls behind it.
    FirstVisit,
}

pub fn run(what: Bench) -> Result<()> {
    match what {
        Bench::Size => size(),
        Bench::Proxy => crate::bench_proxy::run(),
        Bench::Render => crate::bench_render::run(),
        Bench::FirstVisit => crate::bench_first_visit::run(),
    }
}

/// What the browser benchmarks run: the toolchain, the release app (its dist/) and a built
/// nubo-proxy to serve it.
pub fn app_and_proxy() -> Result<(tools::Tools, std::path::PathBuf)> {
    let tools = tools::setup(tools::Need::Everything)?;
    let dist = build::app(&tools)?;
    crate::cmd::run(
        tools
            .command("cargo")
            .args(["build", "--locked", "-p", "nubo-proxy"]),
    )?;
    Ok((tools, dist))
}

fn size() -> Result<()> {
    let tools = tools::setup(tools::Need::Build)?;
    let dist = build::app(&tools)?;
    println!(
        "\n{:<12} {:>12} {:>12} {:>12}  file",
        "kind", "raw KiB", "gzip-9 KiB", "brotli KiB"
    );
    let mut totals = [0usize; 3];
    for file in build::assets(&dist)? {
        let bytes = std::fs::read(&file)?;
        let sizes = [
            bytes.len(),
            build::gzip(&bytes).len(),
            build::brotli(&bytes).len(),
        ];
        for (total, size) in totals.iter_mut().zip(sizes) {
            *total += size;
        }
        println!(
            "{:<12} {:>12} {:>12} {:>12}  {}",
            build::extension(&file),
            kib(sizes[0]),
            kib(sizes[1]),
            kib(sizes[2]),
            file.file_name().unwrap_or_default().to_string_lossy()
        );
    }
    println!(
        "{:<12} {:>12} {:>12} {:>12}",
        "total",
        kib(totals[0]),
        kib(totals[1]),
        kib(totals[2])
    );
    let wasm = crate::paths::root().join("target/wasm32-unknown-unknown/release-wasm/nubo.wasm");
    let (crates, code) = crate::wasm_crates::by_crate(&wasm)?;
    println!(
        "\nCode by crate, from {} ({} KiB of function bodies before wasm-bindgen and wasm-opt):",
        wasm.display(),
        kib(code)
    );
    let shown = 25;
    for (name, bytes) in crates.iter().take(shown) {
        println!(
            "{:>10} KiB {:>5.1}%  {name}",
            kib(*bytes),
            100.0 * *bytes as f64 / code as f64
        );
    }
    let rest: usize = crates.iter().skip(shown).map(|c| c.1).sum();
    println!(
        "{:>10} KiB {:>5.1}%  {} other crates and symbols",
        kib(rest),
        100.0 * rest as f64 / code as f64,
        crates.len().saturating_sub(shown)
    );
    Ok(())
}

fn kib(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / 1024.0)
}
