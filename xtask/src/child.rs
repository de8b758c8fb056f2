//! Servers that xtask runs for a while (for the browser tests and the benchmarks): stopped when
//! dropped, so a failure leaves nothing behind, and politely first: SIGTERM lets nginx take its
//! workers down and nubo-proxy finish its requests.

use std::{
    net::TcpListener,
    process::{Child, Command},
    time::{Duration, Instant},
};

use anyhow::{Context, Result};

pub struct Running(Child);

impl Running {
    pub fn spawn(command: &mut Command, what: &str) -> Result<Self> {
        Ok(Self(
            command
                .spawn()
                .with_context(|| format!("starting {what}"))?,
        ))
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(self.0.id().to_string()).status();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("no free port on 127.0.0.1")?;
    Ok(listener.local_addr()?.port())
}
