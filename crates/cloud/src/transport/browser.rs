use std::{cell::Cell, rc::Rc};

use gloo_net::http::RequestBuilder;
use gloo_timers::callback::Timeout;
use web_sys::AbortController;

use super::{Method, Request, Response, TransportError};

/// The browser's fetch, through gloo-net.
#[derive(Debug, Clone, Copy, Default)]
pub struct Http;

/// Aborts the fetch when the future that owns it is dropped: a page that is left cancels its
/// calls instead of letting them finish unseen.
struct AbortOnDrop(AbortController);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl Http {
    pub fn new() -> Self {
        Self
    }

    pub async fn send(&self, request: Request) -> Result<Response, TransportError> {
        let network = |message: String| TransportError::Network(message);
        let controller = AbortController::new().map_err(|e| network(js_message(&e)))?;
        let timed_out = Rc::new(Cell::new(false));
        let _timer = {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            let millis = u32::try_from(request.timeout.as_millis()).unwrap_or(u32::MAX);
            Timeout::new(millis, move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let signal = controller.signal();
        let _abort = AbortOnDrop(controller);
        let method = match request.method {
            Method::Get => gloo_net::http::Method::GET,
            Method::Post => gloo_net::http::Method::POST,
            Method::Put => gloo_net::http::Method::PUT,
            Method::Patch => gloo_net::http::Method::PATCH,
            Method::Delete => gloo_net::http::Method::DELETE,
        };
        // A redirect would carry the token to a URL nobody allowlisted: it fails instead.
        let mut builder = RequestBuilder::new(&request.url)
            .method(method)
            .redirect(web_sys::RequestRedirect::Error)
            .abort_signal(Some(&signal));
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let built = match &request.body {
            Some(body) => builder.body(js_sys::Uint8Array::from(body.as_slice())),
            None => builder.build(),
        }
        .map_err(|e| network(e.to_string()))?;
        let failed = |error: gloo_net::Error| {
            if timed_out.get() {
                TransportError::Timeout(request.timeout)
            } else {
                network(error.to_string())
            }
        };
        let response = built.send().await.map_err(failed)?;
        let status = response.status();
        let headers = response
            .headers()
            .entries()
            .map(|(name, value)| (name.to_ascii_lowercase(), value))
            .collect();
        super::check_declared_size(response.headers().get("content-length").as_deref())?;
        let body = response.binary().await.map_err(failed)?;
        super::check_read_size(body.len())?;
        Ok(Response {
            status,
            headers,
            body,
        })
    }
}

fn js_message(value: &wasm_bindgen::JsValue) -> String {
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}
