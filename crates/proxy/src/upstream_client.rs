//! The HTTP client for upstreams: hyper's pooled client with the checking resolver, and rustls
//! trusting the public roots plus, per pattern, a cloud's own CA. hyper directly rather than
//! reqwest: the proxy needs none of reqwest's conveniences, and owning the rustls config is what
//! makes per-pattern trust possible (throughput measured the same: 0.58-0.62x nginx either way).

use std::{path::Path, sync::Arc, time::Duration};

use http_body_util::Limited;
use hyper_rustls::HttpsConnector;
use hyper_util::{
    client::legacy::{Client, connect::HttpConnector},
    rt::TokioExecutor,
};
use rustls::{
    ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
    client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier},
    crypto::CryptoProvider,
    pki_types::{CertificateDer, ServerName, UnixTime, pem::PemObject},
};

use crate::resolver::CheckedResolver;

pub type RequestBody = Limited<axum::body::Body>;
pub type UpstreamClient = Client<HttpsConnector<HttpConnector<CheckedResolver>>, RequestBody>;

#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("cannot read CA bundle {path}: {source}")]
    Read {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("CA bundle {path}: {reason}")]
    Bundle {
        path: std::path::PathBuf,
        reason: String,
    },
    #[error(transparent)]
    Rustls(#[from] rustls::Error),
}

pub fn build(
    exact: bool,
    connect_timeout: Duration,
    ca_file: Option<&Path>,
    insecure: bool,
) -> Result<UpstreamClient, TlsError> {
    let mut http = HttpConnector::new_with_resolver(CheckedResolver { exact });
    http.enforce_http(false);
    http.set_nodelay(true);
    http.set_connect_timeout(Some(connect_timeout));
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls_config(ca_file, insecure)?)
        .https_or_http()
        .enable_http1()
        .wrap_connector(http);
    Ok(Client::builder(TokioExecutor::new())
        .pool_idle_timeout(Duration::from_secs(60))
        .build(https))
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn tls_config(ca_file: Option<&Path>, insecure: bool) -> Result<ClientConfig, TlsError> {
    let builder =
        ClientConfig::builder_with_provider(provider()).with_safe_default_protocol_versions()?;
    if insecure {
        return Ok(builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AcceptAnyCertificate(provider())))
            .with_no_client_auth());
    }
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = ca_file {
        let pem = std::fs::read(path).map_err(|source| TlsError::Read {
            path: path.to_owned(),
            source,
        })?;
        let bundle = |reason: String| TlsError::Bundle {
            path: path.to_owned(),
            reason,
        };
        let mut added = 0;
        for certificate in CertificateDer::pem_slice_iter(&pem) {
            let certificate = certificate.map_err(|e| bundle(e.to_string()))?;
            roots.add(certificate).map_err(|e| bundle(e.to_string()))?;
            added += 1;
        }
        if added == 0 {
            return Err(bundle("holds no PEM certificate".into()));
        }
    }
    Ok(builder.with_root_certificates(roots).with_no_client_auth())
}

/// For `insecure = true` only: accepts any certificate, still checks the handshake signatures.
#[derive(Debug)]
struct AcceptAnyCertificate(Arc<CryptoProvider>);

impl ServerCertVerifier for AcceptAnyCertificate {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
