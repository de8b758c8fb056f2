//! AWS: EC2 through its Query API (form POSTs answered in XML) and Data Lifecycle Manager
//! (REST-JSON). The client signs every request itself with SigV4, for the real regional host,
//! and sends it through nubo's proxy; no SDK runtime, so it runs in the browser.
//!
//! An [`Account`] holds the keys and where the APIs answer; `account.ec2(region)` and
//! `account.dlm(region)` give the clients.

pub mod account;
pub mod dlm;
pub mod ec2;
pub mod errors;
pub mod identity;
pub mod kms;
pub mod pasted;
mod query;
pub mod signing;
mod xml;

pub use account::{Account, Credentials};
pub use dlm::Dlm;
pub use ec2::Ec2;
pub use identity::CallerIdentity;
pub use kms::Kms;

/// One page of a list and the token that asks for the next one.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_token: Option<String>,
}

/// Follows `fetch` from the first page and gathers every item; stops with an error after
/// `max_pages`, and at a repeated token, so an endpoint that keeps answering cannot loop forever.
pub async fn all_pages<T, F, Fut>(
    service: crate::Service,
    max_pages: usize,
    mut fetch: F,
) -> Result<Vec<T>, crate::CloudError>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: std::future::Future<Output = Result<Page<T>, crate::CloudError>>,
{
    let mut items = Vec::new();
    let mut token = None;
    for _ in 0..max_pages {
        let page = fetch(token.clone()).await?;
        items.extend(page.items);
        match page.next_token {
            Some(next) if token.as_deref() != Some(next.as_str()) => token = Some(next),
            _ => return Ok(items),
        }
    }
    Err(crate::CloudError::new(
        crate::ErrorKind::Unexpected,
        service,
        format!("{service} answered more than {max_pages} pages; nubo stopped following them"),
    ))
}

/// What a `DryRun` call learnt: whether the real call would be allowed.
#[derive(Debug, Clone, PartialEq)]
pub enum Permission {
    Allowed,
    /// IAM said no; the error is the one the real call would get.
    Denied(crate::CloudError),
}
