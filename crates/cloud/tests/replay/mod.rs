//! A local upstream that answers recorded AWS answers, reached through a real nubo proxy the way
//! the browser reaches AWS. It keys EC2 requests by their `Action` (and `NextToken`, for paging)
//! and REST requests by method and path, and keeps every request it got for the test to check.

use std::{
    collections::HashMap,
    net::SocketAddr,
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};

use axum::{
    Router,
    body::Bytes,
    extract::State,
    http::{HeaderMap, Method, StatusCode, Uri},
    response::{IntoResponse, Response},
};
use nubo_cloud::{
    aws::{Account, Credentials},
    transport::{Http, Proxy},
};
use nubo_proxy::{config::ServerConfig, workers::Workers};

#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    /// The form body's or the query string's parameters.
    pub params: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub headers: HeaderMap,
}

impl Seen {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Clone)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

#[derive(Default)]
struct Shared {
    answers: Mutex<HashMap<String, Answer>>,
    seen: Mutex<Vec<Seen>>,
}

pub struct Replay {
    shared: Arc<Shared>,
    upstream: SocketAddr,
    proxy: Workers,
}

pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/samples")
}

pub fn sample(relative: &str) -> Vec<u8> {
    let path = samples().join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn key(method: &Method, path: &str, params: &[(String, String)]) -> String {
    let get = |name: &str| {
        params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    match (get("Action"), get("NextToken")) {
        (Some(action), Some(token)) => format!("{action}@{token}"),
        (Some(action), None) => action,
        _ => format!("{method} {path}"),
    }
}

async fn answer(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = if method == Method::POST
        && headers.get("content-type").is_some_and(|t| {
            t.as_bytes()
                .starts_with(b"application/x-www-form-urlencoded")
        }) {
        body.to_vec()
    } else {
        uri.query().unwrap_or_default().as_bytes().to_vec()
    };
    let params: Vec<(String, String)> = url::form_urlencoded::parse(&form)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let key = key(&method, uri.path(), &params);
    shared.seen.lock().unwrap().push(Seen {
        method: method.to_string(),
        path: uri.path().to_owned(),
        params,
        body: body.to_vec(),
        headers,
    });
    let Some(found) = shared.answers.lock().unwrap().get(&key).cloned() else {
        return (
            StatusCode::NOT_IMPLEMENTED,
            format!("no recorded answer for {key}"),
        )
            .into_response();
    };
    let mut response = (StatusCode::from_u16(found.status).unwrap(), found.body).into_response();
    for (name, value) in found.headers {
        response.headers_mut().insert(
            axum::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            value.parse().unwrap(),
        );
    }
    response
}

impl Replay {
    pub async fn start() -> Self {
        let shared = Arc::new(Shared::default());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let upstream = listener.local_addr().unwrap();
        let app = Router::new().fallback(answer).with_state(shared.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let config = ServerConfig::parse(
            &format!("listen = \"127.0.0.1:0\"\n[[upstreams]]\npattern = \"http://{upstream}\"\n"),
            Path::new("replay.toml"),
        )
        .unwrap();
        let proxy = Workers::start(&config, 1).unwrap();
        Self {
            shared,
            upstream,
            proxy,
        }
    }

    /// Answers requests with this key (`DescribeVolumes`, `DescribeSnapshots@token`,
    /// `GET /policies`) with a status, headers and body.
    pub fn answer(&self, key: &str, status: u16, headers: &[(&str, &str)], body: Vec<u8>) {
        let headers = headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect();
        self.shared.answers.lock().unwrap().insert(
            key.to_owned(),
            Answer {
                status,
                headers,
                body,
            },
        );
    }

    /// An account whose every service answers here, through the proxy.
    pub fn account(&self) -> Account {
        Account::new(
            Http::new(),
            Proxy(format!("http://{}/proxy/", self.proxy.address)),
            Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        )
        .with_endpoint_url(format!("http://{}", self.upstream))
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.shared.seen.lock().unwrap().clone()
    }
}
