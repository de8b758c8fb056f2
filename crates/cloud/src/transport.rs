//! The one door to the network. Everything above builds a [`Request`] and reads a [`Response`];
//! only this module knows whether fetch (in the browser) or reqwest (natively) carries it.
//! Dropping a request's future cancels it: in the browser the fetch is aborted, so leaving a
//! page stops its calls.

use std::time::Duration;

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(not(target_arch = "wasm32"))]
mod native;

#[cfg(target_arch = "wasm32")]
pub use browser::Http;
#[cfg(not(target_arch = "wasm32"))]
pub use native::Http;

/// Calls that take longer are abandoned; a cloud that is slower than this is not answering.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// How the browser reaches a cloud: `/proxy/` (nubo's proxy, from `config.json`) followed by the
/// absolute upstream URL; empty to call clouds directly (native tools).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Proxy(pub String);

impl Proxy {
    pub fn url(&self, upstream: &str) -> String {
        format!("{}{upstream}", self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    /// Absolute, or relative to the page in the browser (the proxy's `/proxy/...`).
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<Vec<u8>>,
    pub timeout: Duration,
}

impl Request {
    pub fn new(method: Method, url: impl Into<String>) -> Self {
        Self {
            method,
            url: url.into(),
            headers: Vec::new(),
            body: None,
            timeout: DEFAULT_TIMEOUT,
        }
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub fn json(mut self, body: &serde_json::Value) -> Self {
        self.body = Some(body.to_string().into_bytes());
        self.header("content-type", "application/json")
    }
}

#[derive(Debug, Clone, Default)]
pub struct Response {
    pub status: u16,
    /// Names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// The request never got an HTTP answer it could read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    #[error("no answer within {} s", .0.as_secs())]
    Timeout(Duration),
    #[error("{0}")]
    Network(String),
    #[error("the answer is larger than nubo reads ({} MiB)", .limit / (1024 * 1024))]
    TooLarge { limit: usize },
}

/// The largest answer the clients read. A thousand servers or images are a few MiB; anything
/// near this is a mistake or an attack, and reading it whole would freeze the tab.
pub const MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// Refuses an answer by its `Content-Length`, before its body is read.
pub fn check_declared_size(content_length: Option<&str>) -> Result<(), TransportError> {
    let declared = content_length.and_then(|v| v.trim().parse::<u64>().ok());
    check_read_size(declared.map_or(0, |n| usize::try_from(n).unwrap_or(usize::MAX)))
}

/// Refuses an answer by the length of the body read (one sent without `Content-Length`).
pub fn check_read_size(length: usize) -> Result<(), TransportError> {
    if length > MAX_RESPONSE_BYTES {
        return Err(TransportError::TooLarge {
            limit: MAX_RESPONSE_BYTES,
        });
    }
    Ok(())
}

/// Waits without blocking: a browser timer in wasm, tokio's natively.
pub async fn sleep(duration: Duration) {
    #[cfg(target_arch = "wasm32")]
    gloo_timers::future::sleep(duration).await;
    #[cfg(not(target_arch = "wasm32"))]
    tokio::time::sleep(duration).await;
}

#[cfg(test)]
mod size_tests {
    use super::*;

    #[test]
    fn answers_over_the_limit_are_refused_by_declared_or_real_length() {
        assert_eq!(check_declared_size(Some("1024")), Ok(()));
        assert_eq!(check_read_size(MAX_RESPONSE_BYTES), Ok(()));
        let error = TransportError::TooLarge {
            limit: MAX_RESPONSE_BYTES,
        };
        let too_large = Err(error.clone());
        assert_eq!(check_declared_size(Some("99999999999")), too_large);
        assert_eq!(check_read_size(MAX_RESPONSE_BYTES + 1), too_large);
        assert_eq!(check_declared_size(Some("not a number")), Ok(()));
        assert_eq!(
            error.to_string(),
            "the answer is larger than nubo reads (32 MiB)"
        );
    }
}
