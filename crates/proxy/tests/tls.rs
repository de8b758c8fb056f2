//! TLS to upstreams: a private cloud's CA is trusted only for the pattern that names it, and
//! `insecure` is the explicit way around verification. The upstream is a real TLS server on
//! 127.0.0.1 with a certificate made for `localhost` by a CA made in the test.

use std::{net::SocketAddr, sync::Arc};

use axum::{Router, routing::get};
use hyper_util::{rt::TokioIo, service::TowerToHyperService};
use nubo_proxy::{config::ServerConfig, router::router};
use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
use tokio_rustls::{
    TlsAcceptor,
    rustls::{
        ServerConfig as TlsServerConfig,
        pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer},
    },
};

/// A CA (its PEM) and a `localhost` TLS server signed by it.
async fn private_cloud() -> (String, SocketAddr) {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);
    let key = KeyPair::generate().unwrap();
    let cert = CertificateParams::new(vec!["localhost".to_owned()])
        .unwrap()
        .signed_by(&key, &issuer)
        .unwrap();

    let tls = TlsServerConfig::builder_with_provider(Arc::new(
        tokio_rustls::rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(
        vec![CertificateDer::from(cert.der().to_vec())],
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
    )
    .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(tls));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = Router::new().route("/v3", get(|| async { "keystone over tls" }));
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let (acceptor, app) = (acceptor.clone(), app.clone());
            tokio::spawn(async move {
                if let Ok(stream) = acceptor.accept(stream).await {
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), TowerToHyperService::new(app))
                        .await;
                }
            });
        }
    });
    (ca.pem(), address)
}

async fn get_through_proxy(upstream_settings: &str, port: u16) -> (u16, String) {
    let config = ServerConfig::parse(
        &format!("[[upstreams]]\npattern = \"https://localhost:{port}\"\n{upstream_settings}"),
        std::path::Path::new("test.toml"),
    )
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let proxy = listener.local_addr().unwrap();
    let app = router(&config).unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let response = reqwest::get(format!("http://{proxy}/proxy/https://localhost:{port}/v3"))
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn a_private_ca_is_trusted_for_its_pattern_only() {
    let (ca_pem, upstream) = private_cloud().await;
    let dir = tempfile::tempdir().unwrap();
    let ca_file = dir.path().join("ca.pem");
    std::fs::write(&ca_file, ca_pem).unwrap();

    let trusted = format!("ca_file = \"{}\"", ca_file.display());
    assert_eq!(
        get_through_proxy(&trusted, upstream.port()).await,
        (200, "keystone over tls".to_owned())
    );

    let (status, body) = get_through_proxy("", upstream.port()).await;
    assert_eq!(status, 502, "{body}");
    assert!(
        body.contains("upstream_unreachable") && body.to_lowercase().contains("certificate"),
        "{body}"
    );
}

#[tokio::test]
async fn insecure_skips_verification_when_asked_to() {
    let (_, upstream) = private_cloud().await;
    assert_eq!(
        get_through_proxy("insecure = true", upstream.port()).await,
        (200, "keystone over tls".to_owned())
    );
}
