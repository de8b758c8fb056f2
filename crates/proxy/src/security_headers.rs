//! Security headers on every response of the app (not on proxied ones, which are the cloud's);
//! the Content-Security-Policy on its HTML documents.
//! The Content-Security-Policy allows no inline script but Trunk's loader, by its hash, which is
//! read from the built index.html and recomputed when that file changes.

use std::{
    path::PathBuf,
    sync::{Arc, Mutex},
    time::SystemTime,
};

use axum::{
    extract::{Request, State},
    http::{HeaderName, HeaderValue, header},
    middleware::Next,
    response::Response,
};
use base64::Engine;
use sha2::{Digest, Sha256};

pub struct Csp {
    index: PathBuf,
    cached: Mutex<Option<(SystemTime, HeaderValue)>>,
}

impl Csp {
    pub fn new(index: PathBuf) -> Arc<Self> {
        Arc::new(Self {
            index,
            cached: Mutex::new(None),
        })
    }

    fn current(&self) -> HeaderValue {
        let modified = std::fs::metadata(&self.index)
            .and_then(|m| m.modified())
            .ok();
        let mut cached = self.cached.lock().unwrap_or_else(|e| e.into_inner());
        if let (Some(modified), Some((when, value))) = (modified, cached.as_ref())
            && *when == modified
        {
            return value.clone();
        }
        let html = std::fs::read_to_string(&self.index).unwrap_or_default();
        let value = HeaderValue::from_str(&policy(&inline_script_hashes(&html)))
            .expect("hashes are base64");
        if let Some(modified) = modified {
            *cached = Some((modified, value.clone()));
        }
        value
    }
}

pub fn policy(script_hashes: &[String]) -> String {
    let hashes: String = script_hashes
        .iter()
        .map(|hash| format!(" 'sha256-{hash}'"))
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// SHA-256 (base64) of the text of every `<script>` without a `src`, as CSP hashes them.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body = &after[tag_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        if !tag.contains("src=") {
            let digest = Sha256::digest(&body.as_bytes()[..close]);
            hashes.push(base64::engine::general_purpose::STANDARD.encode(digest));
        }
        rest = &body[close..];
    }
    hashes
}

pub async fn add(State(csp): State<Arc<Csp>>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // The policy governs documents; computing it for every asset would stat index.html each time.
    let is_document = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_document {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp.current());
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_only_inline_scripts_exactly() {
        let html = "<head><script type=module>import init from '/a.js';\nawait init();</script>\
                    <script src=/b.js></script><script>x()</script></head>";
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 2);
        let expected = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest(b"import init from '/a.js';\nawait init();"));
        assert_eq!(hashes[0], expected);
        let csp = policy(&hashes);
        assert!(csp.contains(&format!("'sha256-{expected}'")));
        assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"));
        assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"));
    }
}
