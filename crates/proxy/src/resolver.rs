//! DNS for upstream connections: every address a name resolves to is checked against the
//! policy each time a connection is made, so a name that later resolves to an internal address
//! (DNS rebinding) is refused at connect time, not only when the URL was first seen.

use std::{
    future::Future,
    net::SocketAddr,
    pin::Pin,
    task::{Context, Poll},
};

use hyper_util::client::legacy::connect::dns::Name;

use crate::policy::{self, Denial};

/// Resolves with the system resolver, then drops what the policy forbids; `exact` clients (for
/// exact patterns) may reach internal addresses, never metadata ones.
#[derive(Debug, Clone, Copy)]
pub struct CheckedResolver {
    pub exact: bool,
}

type Resolved = Result<std::vec::IntoIter<SocketAddr>, Box<dyn std::error::Error + Send + Sync>>;

impl tower::Service<Name> for CheckedResolver {
    type Response = std::vec::IntoIter<SocketAddr>;
    type Error = Box<dyn std::error::Error + Send + Sync>;
    type Future = Pin<Box<dyn Future<Output = Resolved> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, name: Name) -> Self::Future {
        let exact = self.exact;
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let mut refusal = None;
            let allowed: Vec<SocketAddr> = found
                .into_iter()
                .filter(|addr| match policy::check_address(addr.ip(), exact) {
                    Ok(()) => true,
                    Err(denial) => {
                        refusal = Some(denial);
                        false
                    }
                })
                .collect();
            if allowed.is_empty() {
                let denial =
                    refusal.unwrap_or_else(|| Denial::Malformed(format!("{host} has no address")));
                return Err(Box::new(Refused { host, denial }) as Self::Error);
            }
            Ok(allowed.into_iter())
        })
    }
}

/// The resolver's refusal; the forwarder finds it in the error chain and answers 403.
#[derive(Debug, thiserror::Error)]
#[error("{host}: {denial}")]
pub struct Refused {
    pub host: String,
    pub denial: Denial,
}
