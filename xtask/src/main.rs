//! nubo's task runner. Every project command lives here so a new machine needs nothing but cargo:
//! `cargo xtask run`, `cargo xtask test`, `cargo xtask bench size`.

mod bench;
mod bench_first_visit;
mod bench_proxy;
mod bench_render;
mod build;
mod child;
mod cloud;
mod cmd;
mod e2e;
mod paths;
mod test;
mod tools;
mod wasm_crates;

use std::{net::SocketAddr, path::PathBuf, process::ExitCode};

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "nubo's project commands")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Install what is missing, build the release app and serve it on 127.0.0.1.
    Run {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Server configuration (clouds shown to the app); default: config/nubo.toml.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Do not start the local cloud (for your own clouds in --config).
        #[arg(long)]
        no_cloud: bool,
    },
    /// Run the whole test suite (lints, native tests, wasm tests in Chromium, the clients against
    /// the local cloud, browser end-to-end), or one layer of it.
    Test {
        /// Only this layer: native (lints, native and hostile tests), wasm, live (the local
        /// cloud's smoke and the clients against it), e2e (the release app in Chromium) or
        /// monkey (an impatient user's random steps in Chromium, alone).
        layer: Option<test::Layer>,
        /// The monkey's steps (`test monkey` only; the whole suite runs a short run).
        #[arg(long)]
        steps: Option<u32>,
        /// The monkey's seed, to replay a run it printed (`test monkey` only).
        #[arg(long)]
        seed: Option<u32>,
    },
    /// Install the toolchain the build and tests need (idempotent).
    Setup,
    /// Build the release app into dist/.
    Build,
    /// The local cloud of real services: up | down | reset | env | status | logins | smoke.
    #[command(disable_help_flag = true)]
    Cloud {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Benchmarks that print figures.
    Bench {
        #[command(subcommand)]
        what: bench::Bench,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run {
            listen,
            config,
            no_cloud,
        } => build::run(listen, config, !no_cloud),
        Command::Cloud { args } => cloud::forward(&args),
        Command::Test { layer, steps, seed } => {
            test::layers(layer, test::MonkeyRun { steps, seed })
        }
        Command::Setup => tools::setup(tools::Need::Everything).map(|_| ()),
        Command::Build => {
            tools::setup(tools::Need::Build).and_then(|tools| build::app(&tools).map(|_| ()))
        }
        Command::Bench { what } => bench::run(what),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
