use super::{Method, Request, Response, TransportError};

/// reqwest, for native tests and tools.
#[derive(Debug, Clone)]
pub struct Http {
    client: reqwest::Client,
}

impl Default for Http {
    /// Follows no redirect, as the browser transport does not.
    fn default() -> Self {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        Self { client }
    }
}

impl Http {
    pub fn new() -> Self {
        Self::default()
    }

    pub async fn send(&self, request: Request) -> Result<Response, TransportError> {
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut builder = self
            .client
            .request(method, &request.url)
            .timeout(request.timeout);
        for (name, value) in &request.headers {
            builder = builder.header(*name, value);
        }
        if let Some(body) = request.body {
            builder = builder.body(body);
        }
        let failed = |error: reqwest::Error| {
            if error.is_timeout() {
                TransportError::Timeout(request.timeout)
            } else {
                TransportError::Network(root_cause(&error))
            }
        };
        let response = builder.send().await.map_err(failed)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        super::check_declared_size(
            response
                .headers()
                .get("content-length")
                .and_then(|v| v.to_str().ok()),
        )?;
        let body = response.bytes().await.map_err(failed)?.to_vec();
        super::check_read_size(body.len())?;
        Ok(Response {
            status,
            headers,
            body,
        })
    }
}

fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut last = error;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
}
