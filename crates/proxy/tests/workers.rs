//! The server's process model: several workers share one port, all of them answer, and after
//! stopping nothing listens.

use std::time::Duration;

use nubo_proxy::{config::ServerConfig, workers::Workers};

fn config() -> ServerConfig {
    ServerConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        ..ServerConfig::default()
    }
}

#[test]
fn workers_share_one_port_and_stop_cleanly() {
    let workers = Workers::start(&config(), 3).unwrap();
    assert_ne!(workers.address.port(), 0, "port 0 must become a real port");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let url = format!("http://{}/healthz", workers.address);
    runtime.block_on(async {
        // New connections each time, so the kernel spreads them over the workers' listeners.
        for _ in 0..20 {
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(0)
                .build()
                .unwrap();
            let response = client.get(&url).send().await.unwrap();
            assert_eq!(response.status(), 200);
            assert_eq!(response.text().await.unwrap(), "ok");
        }
    });
    workers.stop().unwrap();
    let refused = runtime.block_on(async {
        reqwest::Client::new()
            .get(&url)
            .timeout(Duration::from_secs(2))
            .send()
            .await
    });
    assert!(refused.is_err(), "nothing must answer after stop");
}

#[test]
fn a_port_in_use_by_another_program_is_an_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let mut config = config();
    config.listen = taken.local_addr().unwrap();
    let error = Workers::start(&config, 2).err().expect("the port is taken");
    assert!(
        error.to_string().contains("cannot listen on"),
        "unexpected error: {error}"
    );
}

/// A client that never finishes its headers, and one that sends nothing at all, are closed once
/// `header_timeout_secs` has passed, not kept open for as long as they like.
#[test]
fn connections_that_never_finish_their_headers_are_closed() {
    use std::io::{Read, Write};
    let mut config = config();
    config.limits.header_timeout_secs = 1;
    let workers = Workers::start(&config, 1).unwrap();
    let started = std::time::Instant::now();
    let mut slow = std::net::TcpStream::connect(workers.address).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
        .unwrap();
    let silent = std::net::TcpStream::connect(workers.address).unwrap();
    for mut stream in [slow, silent] {
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let mut answer = Vec::new();
        // Closed by the server: read returns (an empty answer, or hyper's 408) instead of
        // timing out.
        let read = stream.read_to_end(&mut answer);
        assert!(read.is_ok(), "still open after 5 s: {read:?}");
    }
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    workers.stop().unwrap();
}
