//! Who is signed in to which AWS account. An account is an access key (and, for temporary
//! credentials, a session token) held in the tab's memory, next to the OpenStack sessions of
//! `session`; pages reach EC2 through the account and region of the scope in their URL. Keys
//! are stored only when the user ticks "remember", under `storage::remembered_aws_key`.

use std::collections::HashMap;

use leptos::prelude::*;
use nubo_cloud::{
    CloudError, ErrorKind, Service,
    aws::{Account, CallerIdentity, Credentials, Dlm, Ec2},
    transport::{Http, Proxy},
};

use crate::{config::CloudConfig, scope::Scope, storage};

/// A signed-in account: the keys, the regions EC2 said it may use, and whom the keys belong
/// to as far as STS and IAM would say (a policy may deny either; nothing depends on them).
#[derive(Clone)]
pub struct SignedIn {
    pub account: Account,
    pub regions: Vec<String>,
    pub identity: Option<CallerIdentity>,
    pub alias: Option<String>,
}

impl SignedIn {
    pub fn key_id(&self) -> &str {
        &self.account.credentials.access_key_id
    }

    pub fn account_id(&self) -> Option<&str> {
        self.identity.as_ref().map(|i| i.account.as_str())
    }

    /// The account as people name it: `nubo-local (123456789012)`, the id alone without an
    /// alias, the key id when STS would not say.
    pub fn account_label(&self) -> String {
        match (&self.alias, self.account_id()) {
            (Some(alias), Some(id)) => format!("{alias} ({id})"),
            (Some(alias), None) => alias.clone(),
            (None, Some(id)) => id.to_owned(),
            (None, None) => self.key_id().to_owned(),
        }
    }

    /// Who is signed in, for the top bar: `admin @ nubo-local (123456789012)`.
    pub fn who(&self) -> String {
        match self.identity.as_ref().and_then(|i| i.caller_name()) {
            Some(caller) => format!("{caller} @ {}", self.account_label()),
            None => self.account_label(),
        }
    }

    /// The guide's `Owner` tag: the account's alias where known, else the caller's name.
    pub fn owner_default(&self) -> Option<String> {
        self.alias.clone().or_else(|| {
            self.identity
                .as_ref()
                .and_then(|i| i.caller_name())
                .map(str::to_owned)
        })
    }
}

#[derive(Clone, Copy)]
pub struct Accounts {
    signed_in: RwSignal<HashMap<String, SignedIn>>,
}

impl Accounts {
    pub fn provide() -> Self {
        let accounts = Self {
            signed_in: RwSignal::new(HashMap::new()),
        };
        provide_context(accounts);
        accounts
    }

    pub fn expect() -> Self {
        expect_context::<Accounts>()
    }

    /// The account signed in for `cloud` (tracked).
    pub fn get(&self, cloud: &str) -> Option<SignedIn> {
        self.signed_in.with(|s| s.get(cloud).cloned())
    }

    pub fn get_untracked(&self, cloud: &str) -> Option<SignedIn> {
        self.signed_in.with_untracked(|s| s.get(cloud).cloned())
    }

    pub fn set(&self, cloud: &str, signed_in: SignedIn) {
        self.signed_in
            .update(|s| drop(s.insert(cloud.to_owned(), signed_in)));
    }

    /// Every signed-in account by cloud name (tracked).
    pub fn all(&self) -> Vec<(String, SignedIn)> {
        self.signed_in.with(|s| {
            let mut all: Vec<_> = s.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            all.sort_by(|a, b| a.0.cmp(&b.0));
            all
        })
    }

    /// The `Owner` tag to offer in `cloud` when the user has not typed one yet (untracked).
    pub fn owner_default(&self, cloud: &str) -> String {
        self.signed_in
            .with_untracked(|s| s.get(cloud).and_then(SignedIn::owner_default))
            .unwrap_or_default()
    }

    /// Forgets the keys of `cloud`, the remembered ones included.
    pub fn sign_out(&self, cloud: &str) {
        self.signed_in.update(|s| drop(s.remove(cloud)));
        storage::remove(&storage::remembered_aws_key(cloud));
    }

    /// EC2 in `scope`'s region through `scope`'s account (untracked), or why there is none.
    pub fn ec2(&self, scope: &Scope) -> Result<Ec2, CloudError> {
        self.signed_in
            .with_untracked(|s| s.get(&scope.cloud).map(|a| a.account.ec2(&scope.region)))
            .ok_or_else(|| {
                CloudError::new(
                    ErrorKind::Expired,
                    Service::Ec2,
                    "not signed in to this account",
                )
            })
    }
}

impl Accounts {
    /// EC2 for a page's stored scope; a page already left (its values disposed) gets an error,
    /// not a panic, when a late fetch asks.
    pub fn ec2_in(&self, scope: StoredValue<Scope>) -> Result<Ec2, CloudError> {
        scope
            .try_with_value(|s| self.ec2(s))
            .unwrap_or_else(|| Err(left()))
    }

    pub fn dlm_in(&self, scope: StoredValue<Scope>) -> Result<Dlm, CloudError> {
        scope
            .try_with_value(|s| self.dlm(s))
            .unwrap_or_else(|| Err(left()))
    }

    /// Data Lifecycle Manager in `scope`'s region through `scope`'s account (untracked).
    pub fn dlm(&self, scope: &Scope) -> Result<Dlm, CloudError> {
        self.signed_in
            .with_untracked(|s| s.get(&scope.cloud).map(|a| a.account.dlm(&scope.region)))
            .ok_or_else(|| {
                CloudError::new(
                    ErrorKind::Expired,
                    Service::Dlm,
                    "not signed in to this account",
                )
            })
    }
}

fn left() -> CloudError {
    CloudError::new(ErrorKind::Invalid, Service::Ec2, "the page was left")
}

/// Checks `credentials` with EC2 (DescribeRegions answers only to valid keys) and returns the
/// signed-in account, or EC2's refusal in its own words.
pub async fn sign_in(
    proxy: &str,
    cloud: &CloudConfig,
    credentials: Credentials,
) -> Result<SignedIn, CloudError> {
    let crate::config::CloudKind::Aws {
        regions,
        endpoint_url,
    } = &cloud.kind
    else {
        return Err(CloudError::new(
            ErrorKind::Invalid,
            Service::Ec2,
            format!("{} is not an AWS account", cloud.label()),
        ));
    };
    let mut account = Account::new(Http::new(), Proxy(proxy.to_owned()), credentials);
    if let Some(url) = endpoint_url {
        account = account.with_endpoint_url(url.clone());
    }
    let home = regions.first().map(String::as_str).unwrap_or("us-east-1");
    let offered: Vec<String> = account
        .ec2(home)
        .regions()
        .await?
        .into_iter()
        .map(|r| r.name)
        .collect();
    // The configured regions first, in their order; then whatever else EC2 offers.
    let mut ordered: Vec<String> = regions
        .iter()
        .filter(|r| offered.is_empty() || offered.contains(r))
        .cloned()
        .collect();
    ordered.extend(offered.into_iter().filter(|r| !regions.contains(r)));
    // Names for the account; a refusal leaves them unknown and the pages ask the user instead.
    let (identity, alias) = futures::join!(account.caller_identity(home), account.alias(home));
    Ok(SignedIn {
        account,
        regions: ordered,
        identity: identity.ok(),
        alias: alias.ok().flatten(),
    })
}

/// Keys the user asked to remember for `cloud`: id, secret and session token, one per line.
pub fn remembered(cloud: &str) -> Option<Credentials> {
    let text = storage::get(&storage::remembered_aws_key(cloud))?;
    let mut lines = text.lines();
    let (id, secret) = (lines.next()?, lines.next()?);
    let credentials = Credentials::new(id, secret);
    Some(match lines.next().filter(|t| !t.is_empty()) {
        Some(token) => credentials.with_session_token(token),
        None => credentials,
    })
}

pub fn remember(cloud: &str, id: &str, secret: &str, token: &str) {
    storage::set(
        &storage::remembered_aws_key(cloud),
        &format!("{id}\n{secret}\n{token}"),
    );
}
