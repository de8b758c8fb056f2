//! The AWS keys a user asked to remember: one sealed entry per cloud (`vault`), under
//! `storage::remembered_aws_key`; temporary keys only until they expire.

use nubo_cloud::aws::Credentials;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::state::{accounts::SignedIn, storage, vault};

/// Keys the user asked to remember, per account of a cloud, all in one sealed entry per cloud.
/// Temporary keys are kept only until their expiry, where it is known.
#[derive(Serialize, Deserialize)]
struct Remembered {
    account: String,
    id: String,
    secret: String,
    #[serde(default)]
    token: String,
    /// Unix seconds.
    #[serde(default)]
    expires: Option<i64>,
}

impl Remembered {
    fn is_expired(&self, now: OffsetDateTime) -> bool {
        self.expires.is_some_and(|at| at <= now.unix_timestamp())
    }
}

async fn remembered_all(cloud: &str) -> Vec<Remembered> {
    let mut all: Vec<Remembered> = storage::get_secret(&storage::remembered_aws_key(cloud))
        .await
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    let now = OffsetDateTime::now_utc();
    if all.iter().any(|r| r.is_expired(now)) {
        all.retain(|r| !r.is_expired(now));
        // Dropping expired keys needs no sealing key; a failure would only keep them longer.
        let _ = store_all(cloud, &all).await;
    }
    all
}

async fn store_all(cloud: &str, all: &[Remembered]) -> Result<(), vault::Unavailable> {
    let key = storage::remembered_aws_key(cloud);
    match serde_json::to_string(all) {
        Ok(text) if !all.is_empty() => storage::set_secret(&key, &text).await,
        _ => {
            storage::remove(&key);
            Ok(())
        }
    }
}

/// The remembered keys of `account` of `cloud` and the account they are for; for no account
/// in particular (`None`), the first remembered.
pub async fn remembered(cloud: &str, account: Option<&str>) -> Option<(String, Credentials)> {
    let all = remembered_all(cloud).await;
    let found = all
        .into_iter()
        .find(|r| account.is_none_or(|a| r.account == a))?;
    let mut credentials = Credentials::new(found.id, found.secret);
    if !found.token.is_empty() {
        credentials = credentials.with_session_token(found.token);
    }
    if let Some(at) = found
        .expires
        .and_then(|at| OffsetDateTime::from_unix_timestamp(at).ok())
    {
        credentials = credentials.with_expiry(at);
    }
    Some((found.account, credentials))
}

/// Stores `signed_in`'s keys, sealed, or says why this browser cannot.
pub async fn remember(cloud: &str, signed_in: &SignedIn) -> Result<(), vault::Unavailable> {
    let account = signed_in.url_name();
    let credentials = &signed_in.account.credentials;
    let mut all = remembered_all(cloud).await;
    all.retain(|r| r.account != account);
    all.push(Remembered {
        account,
        id: credentials.access_key_id.clone(),
        secret: credentials.secret_access_key.clone(),
        token: credentials.session_token.clone().unwrap_or_default(),
        expires: credentials.expires_at.map(OffsetDateTime::unix_timestamp),
    });
    store_all(cloud, &all).await
}

/// Forgets the remembered keys of `account` of `cloud`, if any.
pub async fn forget(cloud: &str, account: &str) {
    let mut all = remembered_all(cloud).await;
    if all.iter().any(|r| r.account == account) {
        all.retain(|r| r.account != account);
        let _ = store_all(cloud, &all).await;
    }
}
