use std::path::PathBuf;

use clap::Parser;
use nubo_proxy::{
    config::ServerConfig,
    workers::{StartError, Workers},
};
use tracing_subscriber::EnvFilter;

// Every proxied request allocates headers and buffers; glibc's malloc showed up as a tenth of
// the proxy's CPU under load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Serves the nubo app and is its CORS proxy.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// TOML configuration file; without it, defaults (127.0.0.1:8080, ./dist, no clouds).
    #[arg(long, short)]
    config: Option<PathBuf>,
    /// Overrides `listen` from the configuration file.
    #[arg(long)]
    listen: Option<std::net::SocketAddr>,
    /// Overrides `dist` from the configuration file.
    #[arg(long)]
    dist: Option<PathBuf>,
}

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let args = Args::parse();
    let mut config = match &args.config {
        Some(path) => match ServerConfig::load(path) {
            Ok(config) => config,
            Err(error) => {
                eprintln!("nubo-proxy: {error}");
                return std::process::ExitCode::from(2);
            }
        },
        None => ServerConfig::default(),
    };
    if let Some(listen) = args.listen {
        config.listen = listen;
    }
    if let Some(dist) = args.dist {
        config.dist = dist;
    }
    let count = config.workers.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let workers = match Workers::start(&config, count) {
        Ok(workers) => workers,
        Err(error) => {
            eprintln!("nubo-proxy: {error}");
            return std::process::ExitCode::from(match error {
                StartError::Router(_) => 2,
                _ => 1,
            });
        }
    };
    tracing::info!(
        "serving {} on http://{}/ with {} clouds, {count} workers",
        config.dist.display(),
        workers.address,
        config.clouds.len()
    );
    if let Ok(guard) = nubo_proxy::guard::Guard::new(&config) {
        if guard.has_public_names() {
            tracing::info!("answering requests for {}", guard.describe());
        } else {
            tracing::warn!(
                "public_hosts is not set: answering only requests for {}. Reached under a DNS \
                 name (or behind a reverse proxy that keeps the client's Host), list that name \
                 in public_hosts, or every request gets 421",
                guard.describe()
            );
        }
    }
    let signals = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map(|runtime| runtime.block_on(shutdown_signal()));
    if let Err(error) = signals {
        eprintln!("nubo-proxy: cannot wait for signals: {error}");
    }
    match workers.stop() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("nubo-proxy: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Lets in-flight requests finish on SIGTERM (what orchestrators send) or Ctrl-C.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
