//! `cargo xtask bench proxy`: the cost of nubo's proxy next to nginx's. One upstream (nginx
//! serving a small JSON file), reached directly, through nginx as a reverse proxy, and through
//! nubo-proxy, each loaded by wrk for the same bounded time on 127.0.0.1.

use std::{
    path::Path,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use anyhow::{Context, Result, bail};

use crate::{
    child::{Running, free_port},
    cmd, paths, tools,
};

const DURATION: &str = "10s";
const CONNECTIONS: &str = "32";
/// About the size of a Keystone token response without the catalog.
const PAYLOAD_BYTES: usize = 1500;

fn wait_for_port(port: u16) -> Result<()> {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(20) {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    bail!("nothing listens on 127.0.0.1:{port} after 20 s")
}

pub fn run() -> Result<()> {
    tools::ensure_debian(&[("wrk", "/usr/bin/wrk"), ("nginx-light", "/usr/sbin/nginx")])?;
    cmd::step("Building nubo-proxy (release)");
    cmd::run(
        Command::new("cargo")
            .args(["build", "--release", "--locked", "-p", "nubo-proxy"])
            .current_dir(paths::root()),
    )?;

    let work = paths::target("bench-proxy");
    std::fs::create_dir_all(work.join("www"))?;
    std::fs::create_dir_all(work.join("logs"))?;
    let payload = format!("{{\"data\": \"{}\"}}", "x".repeat(PAYLOAD_BYTES - 12));
    std::fs::write(work.join("www/token.json"), payload)?;
    let (upstream, via_nginx, via_nubo) = (free_port()?, free_port()?, free_port()?);

    // Two nginx instances: the upstream, and the proxy being compared. Were they one, nginx's
    // proxying would share worker processes with its upstream while nubo's could not.
    let _upstream = start_nginx(&work, "upstream", &upstream_server(&work, upstream))?;
    let _nginx = start_nginx(&work, "proxy", &proxy_server(upstream, via_nginx))?;
    std::fs::write(
        work.join("nubo.toml"),
        format!("[[upstreams]]\npattern = \"http://127.0.0.1:{upstream}\"\n"),
    )?;
    let _nubo = Running::spawn(
        Command::new(paths::root().join("target/release/nubo-proxy"))
            .arg("--config")
            .arg(work.join("nubo.toml"))
            .args(["--listen", &format!("127.0.0.1:{via_nubo}")])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null()),
        "nubo-proxy",
    )?;
    for port in [upstream, via_nginx, via_nubo] {
        wait_for_port(port)?;
    }

    let direct = wrk(&format!("http://127.0.0.1:{upstream}/token.json"))?;
    let nginx = wrk(&format!("http://127.0.0.1:{via_nginx}/token.json"))?;
    let nubo = wrk(&format!(
        "http://127.0.0.1:{via_nubo}/proxy/http://127.0.0.1:{upstream}/token.json"
    ))?;

    println!(
        "\nwrk -t2 -c{CONNECTIONS} -d{DURATION}, {PAYLOAD_BYTES}-byte JSON, 127.0.0.1, {} cores",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    println!("{:<22} {:>12} {:>12}", "path", "requests/s", "p99 ms");
    for (name, figures) in [
        ("upstream directly", &direct),
        ("through nginx", &nginx),
        ("through nubo-proxy", &nubo),
    ] {
        println!("{name:<22} {:>12.0} {:>12.2}", figures.rate, figures.p99_ms);
    }
    println!(
        "nubo/nginx requests/s: {:.2}x (target >= 0.8x); p99 added over direct: nubo {:+.2} ms, nginx {:+.2} ms (target <= 2 ms)",
        nubo.rate / nginx.rate,
        nubo.p99_ms - direct.p99_ms,
        nginx.p99_ms - direct.p99_ms,
    );
    Ok(())
}

struct Figures {
    rate: f64,
    p99_ms: f64,
}

fn wrk(url: &str) -> Result<Figures> {
    let output = Command::new("wrk")
        .args(["-t2", "-c", CONNECTIONS, "-d", DURATION, "--latency", url])
        .output()
        .context("running wrk")?;
    let text = String::from_utf8_lossy(&output.stdout);
    if text.contains("Non-2xx") {
        bail!("{url} answered errors under load:\n{text}");
    }
    let rate = text
        .lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .with_context(|| format!("no Requests/sec in wrk's output:\n{text}"))?;
    let p99 = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("99%"))
        .map(|v| v.trim())
        .with_context(|| format!("no 99% line in wrk's output:\n{text}"))?;
    Ok(Figures {
        rate,
        p99_ms: parse_latency(p99)?,
    })
}

/// wrk prints latencies as `812.00us`, `1.23ms` or `1.02s`.
fn parse_latency(text: &str) -> Result<f64> {
    let (number, factor) = if let Some(n) = text.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = text.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1000.0)
    } else {
        bail!("unknown latency {text:?}")
    };
    Ok(number.parse::<f64>()? * factor)
}

fn start_nginx(work: &Path, name: &str, server: &str) -> Result<Running> {
    let logs = work.join("logs").join(name);
    std::fs::create_dir_all(&logs)?;
    let conf = work.join(format!("nginx-{name}.conf"));
    std::fs::write(&conf, nginx_conf(&logs, server))?;
    Running::spawn(
        Command::new("/usr/sbin/nginx")
            .arg("-p")
            .arg(work)
            .arg("-c")
            .arg(&conf)
            .args(["-g", "daemon off;"])
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
        &format!("nginx ({name})"),
    )
}

fn upstream_server(work: &Path, port: u16) -> String {
    format!(
        "server {{ listen 127.0.0.1:{port}; root {}; }}",
        work.join("www").display()
    )
}

fn proxy_server(upstream: u16, port: u16) -> String {
    format!(
        r#"
    upstream backend {{ server 127.0.0.1:{upstream}; keepalive 64; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://backend;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }}
    }}"#
    )
}

fn nginx_conf(logs: &Path, server: &str) -> String {
    format!(
        r#"
worker_processes auto;
pid {logs}/nginx.pid;
error_log {logs}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type application/json;
    client_body_temp_path {logs}/body;
    proxy_temp_path {logs}/proxy;
    fastcgi_temp_path {logs}/fastcgi;
    uwsgi_temp_path {logs}/uwsgi;
    scgi_temp_path {logs}/scgi;
    {server}
}}
"#,
        logs = logs.display(),
    )
}

#[cfg(test)]
mod tests {
    use super::parse_latency;

    #[test]
    fn reads_wrk_latencies() {
        assert_eq!(parse_latency("812.00us").unwrap(), 0.812);
        assert_eq!(parse_latency("1.50ms").unwrap(), 1.5);
        assert_eq!(parse_latency("1.02s").unwrap(), 1020.0);
        assert!(parse_latency("fast").is_err());
    }
}
