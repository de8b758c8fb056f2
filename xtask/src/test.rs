//! `cargo xtask test`: the whole suite, in the order that fails fastest; `cargo xtask test
//! <layer>` one layer of it, for the loop while working on that layer.

use std::time::{Duration, Instant};

use anyhow::Result;
use clap::ValueEnum;

use crate::{
    build, cloud,
    cmd::{run, secs, step},
    e2e, paths, tools,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Layer {
    /// Formatting, lints, native tests and the hostile requests against the proxy.
    Native,
    /// The app's unit tests in headless Chromium.
    Wasm,
    /// The local cloud's smoke tests and the cloud clients against it.
    Live,
    /// The release app in Chromium against the local cloud.
    E2e,
    /// The monkey alone: the release app in Chromium, an impatient user's random steps.
    Monkey,
}

/// The monkey's run, for `cargo xtask test monkey`.
pub struct MonkeyRun {
    pub steps: Option<u32>,
    pub seed: Option<u32>,
}

type Timings = Vec<(&'static str, Duration)>;

pub fn layers(only: Option<Layer>, monkey: MonkeyRun) -> Result<()> {
    let started = Instant::now();
    let tools = tools::setup(tools::Need::Everything)?;
    let mut timings = Timings::new();
    let wanted = |layer| only.is_none_or(|only| only == layer);
    if wanted(Layer::Native) {
        native(&tools, &mut timings)?;
    }
    // One local cloud serves both layers that need it.
    let browser = wanted(Layer::E2e) || only == Some(Layer::Monkey);
    let _cloud = if wanted(Layer::Live) || browser {
        step("Local cloud: start the real services");
        let cloud_started = Instant::now();
        let cloud = cloud::ForTests::up()?;
        timings.push(("local cloud up", cloud_started.elapsed()));
        Some(cloud)
    } else {
        None
    };
    if wanted(Layer::Live) {
        live(&tools, &mut timings)?;
    }
    if wanted(Layer::Wasm) {
        wasm(&tools, &mut timings)?;
    }
    if browser {
        let build_started = Instant::now();
        let dist = build::app(&tools)?;
        timings.push(("release build", build_started.elapsed()));
        let suite = match only {
            Some(Layer::Monkey) => e2e::Suite::Monkey {
                steps: monkey.steps.unwrap_or(e2e::SHORT_MONKEY),
                seed: monkey.seed,
            },
            _ => e2e::Suite::All,
        };
        let e2e_started = Instant::now();
        e2e::run(&tools, &dist, suite)?;
        timings.push(("browser end-to-end", e2e_started.elapsed()));
    }

    step("Summary");
    for (name, took) in &timings {
        println!("{name:>20}: {}", secs(*took));
    }
    println!("{:>20}: {}", "total", secs(started.elapsed()));
    Ok(())
}

fn native(tools: &tools::Tools, timings: &mut Timings) -> Result<()> {
    step("Formatting");
    timings.push((
        "fmt",
        run(tools
            .command("cargo")
            .args(["fmt", "--all", "--", "--check"]))?,
    ));

    step("Lints (host crates, then the wasm app)");
    let host = run(tools.command("cargo").args([
        "clippy",
        "--locked",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    let wasm = run(tools.command("cargo").args([
        "clippy",
        "--locked",
        "-p",
        "nubo",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    // The cloud client's browser transport only exists for wasm32.
    let wasm_client = run(tools.command("cargo").args([
        "clippy",
        "--locked",
        "-p",
        "nubo-cloud",
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;
    timings.push(("clippy", host + wasm + wasm_client));

    step("Native tests (cloud clients, proxy, xtask)");
    timings.push((
        "native tests",
        run(tools
            .command("cargo")
            .args(["test", "--locked", "--workspace"]))?,
    ));

    step("Hostile requests against nubo-proxy (tests/security/hostile.py)");
    let hostile_started = Instant::now();
    run(tools
        .command("cargo")
        .args(["build", "--locked", "-p", "nubo-proxy"]))?;
    run(tools
        .command("python3")
        .arg(paths::root().join("tests/security/hostile.py"))
        .arg(paths::target("debug/nubo-proxy")))?;
    timings.push(("hostile requests", hostile_started.elapsed()));
    Ok(())
}

fn live(tools: &tools::Tools, timings: &mut Timings) -> Result<()> {
    step("Local cloud: smoke-test the real services");
    let smoke_started = Instant::now();
    cloud::run(&["smoke"])?;
    timings.push(("local cloud smoke", smoke_started.elapsed()));

    step("Cloud clients against the local cloud, through nubo's proxy");
    timings.push((
        "cloud client live",
        run(tools.command("cargo").args([
            "test",
            "--locked",
            "-p",
            "nubo-cloud",
            "--test",
            "openstack_live",
            "--test",
            "aws_live",
            "--",
            "--ignored",
        ]))?,
    ));

    Ok(())
}

fn wasm(tools: &tools::Tools, timings: &mut Timings) -> Result<()> {
    step("Wasm tests in headless Chromium");
    timings.push((
        "wasm tests",
        run(tools
            .command("cargo")
            .args([
                "test",
                "--locked",
                "-p",
                "nubo",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                "wasm-bindgen-test-runner",
            )
            .env("CHROMEDRIVER", tools::CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
            // The runner gives ChromeDriver 5 s to bind its port by default; on a loaded
            // 2-core machine it once took longer and the wasm tests failed before starting.
            .env("WASM_BINDGEN_TEST_DRIVER_TIMEOUT", "60"))?,
    ));

    Ok(())
}
