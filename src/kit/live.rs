//! A list that follows itself: fetched through the session of the page's scope (or any cloud's
//! call), polled while a row is transitional, kept through passing failures.

use leptos::prelude::*;
use nubo_cloud::{
    CloudError, Resource,
    openstack::{Page, Query, Session, paging::all_pages},
};

use crate::{
    components::status::{Tone, tone},
    i18n::{t, use_i18n},
    kit::{
        paging::{ALL, Api, Listing, MAX_PAGES, Paging},
        table::label,
    },
    state::{poll, scope::Scope, session::Sessions},
};

/// One page of a list (every page, for lists asked whole), or why the cloud did not give it.
pub type Listed<T> = Result<Page<T>, CloudError>;

/// A polled list's last good answer. When asking again fails for a passing reason (the cloud's
/// 502 while an API restarts, a network blip, throttling) the page keeps showing that answer
/// with a warning, and polling goes on; before, one 502 stopped a backup's live status for good.
pub struct Steady<K: 'static, V: 'static> {
    last: StoredValue<Option<(K, V)>, LocalStorage>,
    /// The failure behind the rows shown, while they are the last good ones.
    pub stale: RwSignal<Option<CloudError>>,
}

impl<K, V> Clone for Steady<K, V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K, V> Copy for Steady<K, V> {}

impl<K: PartialEq + Clone + 'static, V: Clone + 'static> Default for Steady<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: PartialEq + Clone + 'static, V: Clone + 'static> Steady<K, V> {
    pub fn new() -> Self {
        Self {
            last: StoredValue::new_local(None),
            stale: RwSignal::new(None),
        }
    }

    /// The answer to show for `key`: `result`, or the last good one for the same key when
    /// `result` is a transient failure.
    pub fn settle(&self, key: &K, result: Result<V, CloudError>) -> Result<V, CloudError> {
        match result {
            Ok(value) => {
                self.last.set_value(Some((key.clone(), value.clone())));
                self.stale.set(None);
                Ok(value)
            }
            Err(error) if error.is_transient() => {
                // `try_`: the answer may arrive after the page that asked was left.
                let kept = self
                    .last
                    .try_with_value(|l| {
                        l.as_ref().filter(|(k, _)| k == key).map(|(_, v)| v.clone())
                    })
                    .flatten();
                match kept {
                    Some(value) => {
                        self.stale.set(Some(error));
                        Ok(value)
                    }
                    None => Err(error),
                }
            }
            Err(error) => Err(error),
        }
    }
}

/// The warning over a list that shows its last good answer.
#[component]
pub fn StaleNotice(#[prop(into)] stale: Signal<Option<CloudError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        stale.get().map(|error| {
            view! {
                <p class="form-warning" role="status">
                    {t!(i18n, list.stale)}
                    " "
                    <span class="cloud-words">{error.to_string()}</span>
                </p>
            }
        })
    }
}

/// A list that follows itself: polled while a row is transitional, kept through passing
/// failures (see [`Steady`]).
pub struct Live<T: 'static> {
    pub list: LocalResource<Listed<T>>,
    pub stale: RwSignal<Option<CloudError>>,
}

impl<T> Clone for Live<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Live<T> {}

impl<T: 'static> Live<T> {
    pub fn refetch(&self) {
        self.list.refetch();
    }
}

/// The list `fetch` returns for the current `key` (tracked: a changed filter fetches again),
/// through the OpenStack session of `scope`, polled while any row is transitional.
pub fn live<T, K, F, Fut>(
    scope: StoredValue<Scope>,
    key: impl Fn() -> K + 'static,
    fetch: F,
) -> Live<T>
where
    T: Resource + Clone + 'static,
    K: Clone + PartialEq + 'static,
    F: Fn(Session, K) -> Fut + Clone + 'static,
    Fut: Future<Output = Listed<T>> + 'static,
{
    let sessions = Sessions::expect();
    // Captured now: the fetcher may run again after the page is left (a refetch just before
    // navigating away), when the page's stored values are gone.
    let fetch_scope = scope.get_value();
    follow(key, move |key: K| {
        let fetch = fetch.clone();
        let scope = fetch_scope.clone();
        async move {
            sessions
                .run(&scope, |session| fetch(session, key.clone()))
                .await
        }
    })
}

/// The list `fetch` returns for the current `key`, whatever the cloud: polled while any row is
/// transitional, kept through passing failures.
pub fn follow<T, K, F, Fut>(key: impl Fn() -> K + 'static, fetch: F) -> Live<T>
where
    T: Resource + Clone + 'static,
    K: Clone + PartialEq + 'static,
    F: Fn(K) -> Fut + Clone + 'static,
    Fut: Future<Output = Listed<T>> + 'static,
{
    let steady = Steady::<K, Page<T>>::new();
    let list = LocalResource::new(move || {
        let key = key();
        let fetch = fetch.clone();
        async move {
            let result = fetch(key.clone()).await;
            steady.settle(&key, result)
        }
    });
    poll::while_busy(
        move || {
            list.try_with_untracked(|l| {
                l.as_ref()
                    .and_then(|r| r.as_ref().ok())
                    .is_some_and(|page| page.items.iter().any(busy))
            })
            .unwrap_or(false)
                // Showing the last good answer after a passing failure: ask again until one comes.
                || steady.stale.try_with_untracked(Option::is_some).unwrap_or(false)
        },
        move || {
            if list.try_with_untracked(|_| ()).is_some() {
                list.refetch();
            }
        },
    );
    Live {
        list,
        stale: steady.stale,
    }
}

/// Whether the cloud is still working on `row`: a transitional status, or a task in progress.
pub fn busy(row: &impl Resource) -> bool {
    tone(row.status()) == Tone::Busy || row.in_progress()
}

/// An OpenStack list paged by the cloud: the page its listing names (tracked: a new filter,
/// sort or page asks again), or with "All" every page, followed by marker.
pub fn paged<T, F, Fut>(scope: StoredValue<Scope>, paging: Paging, fetch: F) -> Live<T>
where
    T: Resource + Clone + 'static,
    F: Fn(Session, Query) -> Fut + Clone + 'static,
    Fut: Future<Output = Listed<T>> + 'static,
{
    let Paging { listing, api, .. } = paging;
    live(
        scope,
        move || listing.get(),
        move |session: Session, listing: Listing| {
            let fetch = fetch.clone();
            async move {
                let query = listing.query(api);
                if !listing.is_all() {
                    return fetch(session, query).await.map(|page| listing.page(page));
                }
                let items = all_pages(api.service(), &query, MAX_PAGES, |query| {
                    fetch(session.clone(), query)
                })
                .await?;
                Ok(Page {
                    items,
                    next_marker: None,
                })
            }
        },
    )
}

/// Every row of an OpenStack list, page after page (`api` spells the query).
async fn whole<T, F, Fut>(
    sessions: Sessions,
    scope: Scope,
    api: Api,
    fetch: F,
) -> Result<Vec<T>, CloudError>
where
    F: Fn(Session, Query) -> Fut + Clone + 'static,
    Fut: Future<Output = Listed<T>> + 'static,
{
    let query = Listing {
        page_size: ALL,
        ..Listing::newest_first("created_at")
    }
    .query(api);
    sessions
        .run(&scope, move |session: Session| {
            let (query, fetch) = (query.clone(), fetch.clone());
            async move {
                all_pages(api.service(), &query, MAX_PAGES, |query| {
                    fetch(session.clone(), query)
                })
                .await
            }
        })
        .await
}

/// Every row of a list a form chooses from (the instances a snapshot may rebuild), asked
/// when the form opens. Empty when a call fails: the form then says there is nothing to choose.
pub fn every<T, F, Fut>(scope: StoredValue<Scope>, api: Api, fetch: F) -> LocalResource<Vec<T>>
where
    T: 'static,
    F: Fn(Session, Query) -> Fut + Clone + 'static,
    Fut: Future<Output = Listed<T>> + 'static,
{
    let sessions = Sessions::expect();
    LocalResource::new(move || {
        let rows = whole(sessions, scope.get_value(), api, fetch.clone());
        async move { rows.await.unwrap_or_default() }
    })
}

/// The names of related resources by id, from their whole list (a page shows a volume's server
/// by name without a call per row). Empty until they come, and when a call fails: the ids are
/// shown instead. A signal, not a resource, so that the rows do not wait for it: read inside
/// the list's `Transition`, a resource would hold the rows back until the other service
/// answered (Volumes waited 0.65 s for Nova's list of servers).
pub fn names_by_id<T, F, Fut>(
    scope: StoredValue<Scope>,
    api: Api,
    fetch: F,
) -> Signal<std::collections::HashMap<String, String>>
where
    T: Resource + 'static,
    F: Fn(Session, Query) -> Fut + Clone + 'static,
    Fut: Future<Output = Listed<T>> + 'static,
{
    let sessions = Sessions::expect();
    let names = LocalResource::new(move || {
        let rows = whole(sessions, scope.get_value(), api, fetch.clone());
        async move {
            let rows = rows.await.unwrap_or_default();
            rows.iter().map(|r| (r.id().to_owned(), label(r))).collect()
        }
    });
    // Created here, outside the list's Transition: reading the resource in this memo does not
    // register it with the Transition.
    Memo::new(move |_| names.get().unwrap_or_default()).into()
}

#[cfg(test)]
mod tests {
    use nubo_cloud::{ErrorKind, Service};
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test]
    fn a_passing_failure_keeps_the_last_answer_for_the_same_query_only() {
        Owner::new().with(|| {
            let steady = Steady::<&str, Vec<u32>>::new();
            let gateway = || CloudError::new(ErrorKind::Server, Service::Cinder, "Bad Gateway");
            assert_eq!(steady.settle(&"all", Err(gateway())), Err(gateway()));
            assert_eq!(steady.settle(&"all", Ok(vec![1, 2])), Ok(vec![1, 2]));
            assert_eq!(steady.settle(&"all", Err(gateway())), Ok(vec![1, 2]));
            assert_eq!(steady.stale.get_untracked(), Some(gateway()));
            // Another query has no answer of its own to keep.
            assert_eq!(steady.settle(&"mine", Err(gateway())), Err(gateway()));
            // A refusal is not passing: it is shown, not hidden behind old rows.
            let forbidden = CloudError::new(ErrorKind::Forbidden, Service::Cinder, "no");
            assert_eq!(
                steady.settle(&"all", Err(forbidden.clone())),
                Err(forbidden)
            );
            assert_eq!(steady.settle(&"all", Ok(vec![3])), Ok(vec![3]));
            assert_eq!(steady.stale.get_untracked(), None);
        });
    }
}
