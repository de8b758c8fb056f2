//! Who is logged in where. One Keystone session per configured OpenStack cloud lives in the tab's
//! memory; pages reach their cloud through the session of the scope in their URL. When a token
//! expires (or the cloud answers 401), the re-login dialog opens and the call that met it waits,
//! then runs again with the new session: the page and its form stay as they were.

use std::collections::HashMap;

use futures::channel::oneshot;
use leptos::prelude::*;
use nubo_cloud::{
    CloudError, ErrorKind, Service,
    openstack::{Cloud, Credentials, Session},
    transport::{Http, Proxy},
};

use crate::state::{config::CloudConfig, scope::Scope, storage};

#[derive(Clone, Copy)]
pub struct Sessions {
    /// Cloud name → the project-scoped session the user logged in to.
    logged_in: RwSignal<HashMap<String, Session>>,
    /// (cloud, region) → the same token in that region; kept so each region's microversions
    /// and flavors are asked once.
    by_region: StoredValue<HashMap<(String, String), Session>>,
    /// The cloud whose session must be renewed; the re-login dialog shows while it is set.
    relogin: RwSignal<Option<String>>,
    waiters: StoredValue<Vec<oneshot::Sender<bool>>>,
}

impl Sessions {
    pub fn provide() -> Self {
        let sessions = Self {
            logged_in: RwSignal::new(HashMap::new()),
            by_region: StoredValue::new(HashMap::new()),
            relogin: RwSignal::new(None),
            waiters: StoredValue::new(Vec::new()),
        };
        provide_context(sessions);
        sessions
    }

    pub fn expect() -> Self {
        expect_context::<Sessions>()
    }

    /// The logged-in session of `cloud` (tracked).
    pub fn get(&self, cloud: &str) -> Option<Session> {
        self.logged_in.with(|s| s.get(cloud).cloned())
    }

    /// Every cloud with a session, and when its token expires (tracked).
    pub fn all(&self) -> Vec<(String, Session)> {
        self.logged_in
            .with(|s| s.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
    }

    /// The same, untracked: for timers.
    pub fn all_untracked(&self) -> Vec<(String, Session)> {
        self.logged_in
            .with_untracked(|s| s.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
    }

    /// The session of `scope`'s cloud in `scope`'s region (tracked); None before login.
    pub fn in_scope(&self, scope: &Scope) -> Option<Result<Session, CloudError>> {
        let base = self.get(&scope.cloud)?;
        let key = (scope.cloud.clone(), scope.region.clone());
        if let Some(found) = self.by_region.with_value(|m| m.get(&key).cloned()) {
            return Some(Ok(found));
        }
        let session = if base.region() == scope.region {
            Ok(base)
        } else {
            base.with_region(&scope.region)
        };
        if let Ok(session) = &session {
            self.by_region
                .update_value(|m| drop(m.insert(key, session.clone())));
        }
        Some(session)
    }

    pub fn set(&self, cloud: &str, session: Session) {
        self.by_region
            .update_value(|m| m.retain(|(c, _), _| c != cloud));
        storage::set(&storage::region_key(cloud), session.region());
        if let Some(project) = session.project() {
            storage::set(&storage::project_key(cloud), &project.name);
        }
        warm_up(session.clone());
        self.logged_in
            .update(|s| drop(s.insert(cloud.to_owned(), session)));
        if self.relogin.get_untracked().as_deref() == Some(cloud) {
            self.end_relogin(true);
        }
    }

    /// Logs out of `cloud`: the token is revoked (best effort) and everything about it is
    /// forgotten, the remembered credential included.
    pub fn log_out(&self, cloud: &str) {
        let session = self.get(cloud);
        self.by_region
            .update_value(|m| m.retain(|(c, _), _| c != cloud));
        self.logged_in.update(|s| drop(s.remove(cloud)));
        storage::remove(&storage::remembered_key(cloud));
        if let Some(session) = session {
            leptos::task::spawn_local(async move {
                let _ = session.revoke().await;
            });
        }
    }

    /// The cloud the re-login dialog is for, if it is open (tracked).
    pub fn relogin(&self) -> Option<String> {
        self.relogin.get()
    }

    /// Closes the re-login dialog without logging in; the waiting calls fail.
    pub fn cancel_relogin(&self) {
        self.end_relogin(false);
    }

    /// Closes the re-login dialog and tells the waiting calls whether to try again.
    fn end_relogin(&self, logged_in: bool) {
        self.relogin.set(None);
        let waiters = self.waiters.try_update_value(std::mem::take);
        for waiter in waiters.unwrap_or_default() {
            // A waiter whose call was dropped no longer listens.
            let _ = waiter.send(logged_in);
        }
    }

    /// Runs `call` with the session of `scope`; if the session has expired, asks the user to
    /// log in again and runs it once more.
    pub async fn run<T, F, Fut>(&self, scope: &Scope, call: F) -> Result<T, CloudError>
    where
        F: Fn(Session) -> Fut,
        Fut: Future<Output = Result<T, CloudError>>,
    {
        loop {
            let session = match self.in_scope(scope) {
                Some(found) => found?,
                None => {
                    return Err(CloudError::new(
                        ErrorKind::Expired,
                        Service::Keystone,
                        "not logged in to this cloud",
                    ));
                }
            };
            match call(session).await {
                // After a log out, calls still in flight fail; they must not ask to log in.
                Err(error) if error.kind == ErrorKind::Expired => {
                    if self
                        .logged_in
                        .with_untracked(|s| !s.contains_key(&scope.cloud))
                        || !self.renewed(&scope.cloud).await
                    {
                        return Err(error);
                    }
                }
                other => return other,
            }
        }
    }

    /// Opens the re-login dialog and waits for it: true once logged in again.
    async fn renewed(&self, cloud: &str) -> bool {
        let (tx, rx) = oneshot::channel();
        self.waiters.update_value(|w| w.push(tx));
        self.relogin.set(Some(cloud.to_owned()));
        rx.await.unwrap_or(false)
    }
}

/// Asks Nova and Cinder for their version documents at once, in the background, while the user
/// picks a page. Every session needs both microversions before its first call to each service,
/// and Cinder checks a new token with Keystone on its first call (about 0.35 s on the local
/// cloud; Nova's version document needs no token): the first page no longer waits for either.
/// A failure here is left for the page's own call to meet and report.
fn warm_up(session: Session) {
    leptos::task::spawn_local(async move {
        let _ = futures::future::join(
            session.microversion(Service::Nova),
            session.microversion(Service::Cinder),
        )
        .await;
    });
}

/// Logs in to an OpenStack cloud through the portal's proxy, in `region` when the catalog has it.
pub async fn log_in(
    proxy: &str,
    cloud: &CloudConfig,
    credentials: &Credentials,
    region: Option<&str>,
) -> Result<Session, CloudError> {
    let (auth_url, configured) = cloud.openstack()?;
    let remembered = storage::get(&storage::region_key(&cloud.name));
    let client = Cloud::new(Http::new(), Proxy(proxy.to_owned()), auth_url);
    let region = region
        .map(str::to_owned)
        .or(remembered)
        .or_else(|| configured.map(str::to_owned));
    match client.login(credentials, region.as_deref()).await {
        // A remembered or configured region this user's catalog lacks: take the first.
        Err(error) if error.kind == ErrorKind::NotFound && region.is_some() => {
            client.login(credentials, None).await
        }
        other => other,
    }
}
