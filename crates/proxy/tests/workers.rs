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
