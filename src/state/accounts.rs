//! Who is signed in to which AWS accounts. An account is an access key (and, for temporary
//! credentials, a session token) held in the tab's memory, next to the OpenStack sessions of
//! `session`; any number per configured AWS cloud, each named in the URL where OpenStack names
//! the project (`/{cloud}/{caller@account}/{region}/ec2/…`). Pages reach EC2 through the
//! account and region of their URL. Keys are stored only when the user ticks "remember", sealed,
//! under `storage::remembered_aws_key`; temporary keys only until they expire.

use std::collections::HashMap;

use leptos::prelude::*;
use nubo_cloud::{
    CloudError, ErrorKind, Service,
    aws::{Account, CallerIdentity, Credentials, Dlm, Ec2, Kms},
    transport::{Http, Proxy},
};
use time::OffsetDateTime;

use crate::state::{config::CloudConfig, scope::Scope};

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

    /// When the keys stop working, for temporary keys whose expiry is known.
    pub fn expires_at(&self) -> Option<OffsetDateTime> {
        self.account.credentials.expires_at
    }

    pub fn is_temporary(&self) -> bool {
        self.account.credentials.session_token.is_some()
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

impl SignedIn {
    /// The account's segment of the URL: `admin@123456789012` (two users of one account are two
    /// sign-ins), the key id when STS would not say.
    pub fn url_name(&self) -> String {
        match (
            &self.identity,
            self.identity.as_ref().and_then(|i| i.caller_name()),
        ) {
            (Some(identity), Some(caller)) => format!("{caller}@{}", identity.account),
            (Some(identity), None) => identity.account.clone(),
            (None, _) => self.key_id().to_owned(),
        }
    }
}

/// Every AWS account signed in in this tab, by cloud and by the account's URL name; any number
/// per cloud, side by side with the OpenStack sessions.
#[derive(Clone, Copy)]
pub struct Accounts {
    signed_in: RwSignal<HashMap<(String, String), SignedIn>>,
    /// The account last opened per cloud, where a URL without one goes.
    last: RwSignal<HashMap<String, String>>,
}

impl Accounts {
    pub fn provide() -> Self {
        let accounts = Self {
            signed_in: RwSignal::new(HashMap::new()),
            last: RwSignal::new(HashMap::new()),
        };
        provide_context(accounts);
        accounts
    }

    pub fn expect() -> Self {
        expect_context::<Accounts>()
    }

    fn key(scope: &Scope) -> (String, String) {
        (scope.cloud.clone(), scope.tenant.segment().to_owned())
    }

    /// The account of `scope` (its cloud and its account segment), tracked.
    pub fn get(&self, scope: &Scope) -> Option<SignedIn> {
        self.signed_in.with(|s| s.get(&Self::key(scope)).cloned())
    }

    pub fn get_untracked(&self, scope: &Scope) -> Option<SignedIn> {
        self.signed_in
            .with_untracked(|s| s.get(&Self::key(scope)).cloned())
    }

    /// Every signed-in account with its cloud (untracked).
    pub fn all_untracked(&self) -> Vec<(String, SignedIn)> {
        self.signed_in.with_untracked(|s| {
            s.iter()
                .map(|((cloud, _), a)| (cloud.clone(), a.clone()))
                .collect()
        })
    }

    /// The accounts signed in to `cloud`, by URL name (tracked).
    pub fn of_cloud(&self, cloud: &str) -> Vec<SignedIn> {
        self.signed_in.with(|s| {
            let mut found: Vec<_> = s
                .iter()
                .filter(|((c, _), _)| c == cloud)
                .map(|(_, a)| a.clone())
                .collect();
            found.sort_by_key(SignedIn::url_name);
            found
        })
    }

    /// The account a URL without one opens: the last used, else any (untracked).
    pub fn last(&self, cloud: &str) -> Option<String> {
        let last = self.last.with_untracked(|l| l.get(cloud).cloned());
        self.signed_in.with_untracked(|s| {
            last.filter(|name| s.contains_key(&(cloud.to_owned(), name.clone())))
                .or_else(|| {
                    s.keys()
                        .filter(|(c, _)| c == cloud)
                        .map(|(_, name)| name.clone())
                        .min()
                })
        })
    }

    pub fn set(&self, cloud: &str, signed_in: SignedIn) {
        let name = signed_in.url_name();
        self.used(cloud, &name);
        self.signed_in
            .update(|s| drop(s.insert((cloud.to_owned(), name), signed_in)));
    }

    /// Notes that `account` of `cloud` is the one on screen.
    pub fn used(&self, cloud: &str, account: &str) {
        if self
            .last
            .with_untracked(|l| l.get(cloud).map(String::as_str) != Some(account))
        {
            self.last
                .update(|l| drop(l.insert(cloud.to_owned(), account.to_owned())));
        }
    }

    /// The `Owner` tag to offer in `scope` when the user has not typed one yet (untracked).
    pub fn owner_default(&self, scope: &Scope) -> String {
        self.get_untracked(scope)
            .and_then(|a| a.owner_default())
            .unwrap_or_default()
    }

    /// Forgets the keys of `scope`'s account, the remembered ones included.
    pub fn sign_out(&self, scope: &Scope) {
        self.signed_in.update(|s| drop(s.remove(&Self::key(scope))));
        let (cloud, account) = (scope.cloud.clone(), scope.tenant.segment().to_owned());
        leptos::task::spawn_local(
            async move { crate::state::aws_keys::forget(&cloud, &account).await },
        );
    }

    /// EC2 in `scope`'s region through `scope`'s account (untracked), or why there is none.
    pub fn ec2(&self, scope: &Scope) -> Result<Ec2, CloudError> {
        self.get_untracked(scope)
            .map(|a| a.account.ec2(&scope.region))
            .ok_or_else(|| not_signed_in(Service::Ec2))
    }

    /// Data Lifecycle Manager in `scope`'s region through `scope`'s account (untracked).
    pub fn dlm(&self, scope: &Scope) -> Result<Dlm, CloudError> {
        self.get_untracked(scope)
            .map(|a| a.account.dlm(&scope.region))
            .ok_or_else(|| not_signed_in(Service::Dlm))
    }

    /// KMS in `scope`'s region through `scope`'s account (untracked).
    pub fn kms(&self, scope: &Scope) -> Result<Kms, CloudError> {
        self.get_untracked(scope)
            .map(|a| a.account.kms(&scope.region))
            .ok_or_else(|| not_signed_in(Service::Kms))
    }

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
}

fn not_signed_in(service: Service) -> CloudError {
    CloudError::new(ErrorKind::Expired, service, "not signed in to this account")
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
    let (regions, endpoint_url) = cloud.aws()?;
    let mut account = Account::new(Http::new(), Proxy(proxy.to_owned()), credentials);
    if let Some(url) = endpoint_url {
        account = account.with_endpoint_url(url.to_owned());
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
