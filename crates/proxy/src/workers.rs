//! How the server runs: nginx's model of one single-threaded worker per core, each accepting on
//! its own `SO_REUSEPORT` listener and keeping its own upstream connection pools. A proxied
//! request then lives on one thread from accept to answer; tokio's work-stealing runtime instead
//! handed each request between the server task, the pooled connection's task and other threads,
//! and those wake-ups were most of the proxy's cost under load (`cargo xtask bench proxy`).

use std::{io, net::SocketAddr, sync::Arc, thread::JoinHandle, time::Duration};

use hyper::server::conn::http1;
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
    service::TowerToHyperService,
};
use tokio::{
    net::{TcpListener, TcpSocket},
    sync::{Semaphore, watch},
};
use tokio_io_timeout::TimeoutStream;

use crate::{
    config::{Limits, ServerConfig},
    router,
};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot listen on {address}: {source}")]
    Listen {
        address: SocketAddr,
        source: io::Error,
    },
    #[error(transparent)]
    Router(#[from] crate::forward::BuildError),
    #[error("cannot start a worker: {0}")]
    Thread(io::Error),
}

/// Running workers; [`Workers::stop`] lets in-flight requests finish.
pub struct Workers {
    pub address: SocketAddr,
    stop: watch::Sender<bool>,
    threads: Vec<JoinHandle<io::Result<()>>>,
}

impl Workers {
    /// Starts `count` workers (at least one) on `config.listen`; port 0 picks one port for all.
    pub fn start(config: &ServerConfig, count: usize) -> Result<Self, StartError> {
        let config = Arc::new(config.clone());
        let permits = Arc::new(Semaphore::new(config.limits.max_concurrent));
        let (stop, stopped) = watch::channel(false);
        let mut workers = Self {
            address: config.listen,
            stop,
            threads: Vec::new(),
        };
        for index in 0..count.max(1) {
            let (ready, started) = std::sync::mpsc::channel();
            let (config, permits, stopped) = (config.clone(), permits.clone(), stopped.clone());
            let address = workers.address;
            let thread = std::thread::Builder::new()
                .name(format!("nubo-worker-{index}"))
                .spawn(move || worker(&config, address, permits, stopped, ready))
                .map_err(StartError::Thread)?;
            workers.threads.push(thread);
            // Workers after the first bind where the first did (its port, when asked for 0).
            match started.recv() {
                Ok(Ok(bound)) => workers.address = bound,
                Ok(Err(error)) => {
                    let _ = workers.stop();
                    return Err(error);
                }
                Err(_) => {
                    let _ = workers.stop();
                    return Err(StartError::Thread(io::Error::other(
                        "a worker died starting",
                    )));
                }
            }
        }
        Ok(workers)
    }

    /// Asks every worker to stop accepting, and waits until their requests have finished.
    pub fn stop(self) -> io::Result<()> {
        let _ = self.stop.send(true);
        let mut result = Ok(());
        for thread in self.threads {
            match thread.join() {
                Ok(Ok(())) => {}
                Ok(Err(error)) => result = Err(error),
                Err(_) => result = Err(io::Error::other("a worker panicked")),
            }
        }
        result
    }
}

type Ready = std::sync::mpsc::Sender<Result<SocketAddr, StartError>>;

fn worker(
    config: &ServerConfig,
    address: SocketAddr,
    permits: Arc<Semaphore>,
    stopped: watch::Receiver<bool>,
    ready: Ready,
) -> io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let started = listen(address).and_then(|listener| {
            let bound = listener
                .local_addr()
                .map_err(|source| StartError::Listen { address, source })?;
            Ok((listener, router::router_sharing(config, permits)?, bound))
        });
        let (listener, app) = match started {
            Ok((listener, app, bound)) => {
                let _ = ready.send(Ok(bound));
                (listener, app)
            }
            Err(error) => {
                let _ = ready.send(Err(error));
                return Ok(());
            }
        };
        serve(listener, app, &config.limits, stopped).await;
        Ok(())
    })
}

/// hyper's HTTP/1 server with the timer `axum::serve` leaves out, so that a request whose
/// headers never end, or a kept-alive connection that says nothing more, is closed after
/// `header_timeout_secs`; a client that stops reading its answer after `idle_timeout_secs`; and
/// at most `max_connections` at once (the rest wait in the kernel's listen queue).
async fn serve(
    listener: TcpListener,
    app: axum::Router,
    limits: &Limits,
    mut stopped: watch::Receiver<bool>,
) {
    let connections = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(limits.header_timeout_secs.max(1)))
        .max_header_size(MAX_HEAD_BYTES);
    let idle = Duration::from_secs(limits.idle_timeout_secs.max(1));
    let graceful = GracefulShutdown::new();
    loop {
        let permit = tokio::select! {
            permit = connections.clone().acquire_owned() => permit,
            _ = stopped.wait_for(|stop| *stop) => break,
        };
        let Ok(permit) = permit else { break };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stopped.wait_for(|stop| *stop) => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(error) => {
                // Out of file descriptors, say: waiting beats a busy loop of failures.
                tracing::warn!("accept failed: {error}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let mut stream = TimeoutStream::new(stream);
        stream.set_write_timeout(Some(idle));
        let service = TowerToHyperService::new(app.clone());
        let connection =
            graceful.watch(http.serve_connection(TokioIo::new(Box::pin(stream)), service));
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!("connection closed: {error}");
            }
            drop(permit);
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// Request line and headers together; browsers send a few KiB, hyper answers more with 431.
const MAX_HEAD_BYTES: usize = 64 * 1024;

fn listen(address: SocketAddr) -> Result<TcpListener, StartError> {
    let error = |source| StartError::Listen { address, source };
    let socket = if address.is_ipv4() {
        TcpSocket::new_v4()
    } else {
        TcpSocket::new_v6()
    }
    .map_err(error)?;
    socket.set_reuseaddr(true).map_err(error)?;
    socket.set_reuseport(true).map_err(error)?;
    socket.set_nodelay(true).map_err(error)?;
    socket.bind(address).map_err(error)?;
    socket.listen(1024).map_err(error)
}
