//! What every resource list shares: it is fetched through the session of the page's scope, it
//! follows itself while a row is transitional, and its rows offer actions that declare when
//! they are allowed.

use leptos::prelude::*;
use nubo_cloud::{CloudError, Resource, openstack::Session};

use crate::{
    components::status::{Tone, tone},
    i18n::{Locale, t, t_string, td_string, tu_string, use_i18n},
    state::{poll, scope::Scope, session::Sessions},
    text::I18n,
};

pub type Listed<T> = Result<Vec<T>, CloudError>;

/// What a resource is called on the page: its name, or its id when it has none.
pub fn label(resource: &impl Resource) -> String {
    match resource.name() {
        "" => resource.id().to_owned(),
        name => name.to_owned(),
    }
}

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
    let steady = Steady::<K, Vec<T>>::new();
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
                    .is_some_and(|rows| rows.iter().any(|r| tone(r.status()) == Tone::Busy))
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

/// The names of related resources by id, from one list call (a page shows a volume's server by
/// name without a call per row). Empty when the call fails: the ids are shown instead.
pub fn names_by_id<T, F, Fut>(
    scope: StoredValue<Scope>,
    fetch: F,
) -> LocalResource<std::collections::HashMap<String, String>>
where
    T: Resource + 'static,
    F: Fn(Session) -> Fut + Clone + 'static,
    Fut: Future<Output = Result<nubo_cloud::openstack::Page<T>, CloudError>> + 'static,
{
    let sessions = Sessions::expect();
    let fetch_scope = scope.get_value();
    LocalResource::new(move || {
        let scope = fetch_scope.clone();
        let fetch = fetch.clone();
        async move {
            sessions
                .run(&scope, fetch)
                .await
                .map(|page| {
                    page.items
                        .iter()
                        .map(|r| (r.id().to_owned(), label(r)))
                        .collect()
                })
                .unwrap_or_default()
        }
    })
}

/// Why a row action is not allowed: kept as data, so the words follow the language switcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The resource's status is not one the action declares.
    Status(String),
    /// Nova is busy with the server (its task state).
    NovaBusy(String),
    /// Glance is still writing the image.
    GlanceBusy,
    Protected,
    /// IAM (or Keystone's policy) denies the action named, as a `DryRun` found out.
    Denied(String),
}

impl Refusal {
    pub fn text(&self, locale: Locale) -> String {
        match self {
            Self::Status(status) => td_string!(locale, list.refused_status, status).to_string(),
            Self::NovaBusy(task) => td_string!(locale, list.refused_nova_busy, task).to_string(),
            Self::GlanceBusy => td_string!(locale, list.refused_glance_busy).to_owned(),
            Self::Protected => td_string!(locale, list.refused_protected).to_owned(),
            Self::Denied(action) => td_string!(locale, list.refused_denied, action).to_string(),
        }
    }
}

/// Why an action is not allowed for a row in `status`, or `None` when it is.
pub fn refusal(status: &str, allowed: &[&str]) -> Option<Refusal> {
    (!allowed.contains(&status)).then(|| Refusal::Status(status.to_owned()))
}

/// A refusal's words in the current language, for a `title` (tracked).
pub fn refusal_text(i18n: I18n, refusal: &Option<Refusal>) -> Option<String> {
    refusal.as_ref().map(|r| r.text(i18n.get_locale()))
}

#[component]
pub fn ErrorPanel(error: CloudError) -> impl IntoView {
    view! {
        <div class="panel panel-error" role="alert">
            <p>{error.to_string()}</p>
        </div>
    }
}

/// A row action: disabled, with the reason on hover and for screen readers, when the row's
/// state does not allow it.
#[component]
pub fn ActionButton(
    #[prop(into)] label: Signal<String>,
    refusal: Option<Refusal>,
    on_click: Callback<()>,
    #[prop(optional, into)] busy: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let disabled = refusal.is_some();
    let refusal = StoredValue::new(refusal);
    let reason = move || refusal.with_value(|r| refusal_text(i18n, r));
    view! {
        <button
            type="button"
            class="row-action"
            disabled=move || disabled || busy.get()
            title=move || reason().unwrap_or_default()
            aria-description=reason
            on:click=move |_| on_click.run(())
        >
            {label}
        </button>
    }
}

/// A row's less common actions, behind "More": keeps rows of many actions narrow enough for
/// their table. The menu closes once one of its actions is chosen. (A refreshed list patches
/// its rows in place, so an open menu stays open.)
#[component]
pub fn MoreActions(
    /// The row's name, so each "More" says whose actions it holds to a screen reader.
    #[prop(into)]
    name: String,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let details = NodeRef::<leptos::html::Details>::new();
    let close = move |_| {
        if let Some(details) = details.get_untracked() {
            let _ = details.remove_attribute("open");
        }
    };
    view! {
        <details class="more-actions" node_ref=details>
            <summary aria-label=move || t_string!(i18n, list.more_actions_for, name = name.clone()).to_string()>
                {t!(i18n, list.more_actions)}
            </summary>
            <div class="more-actions-menu" on:click=close>{children()}</div>
        </details>
    }
}

/// Renders a fetched list: loading, the cloud's error, an empty message, or the table.
pub fn render<T: Clone + 'static, V: IntoView + 'static>(
    live: Live<T>,
    empty: Signal<String>,
    table: impl Fn(Vec<T>) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let list = live.list;
    view! {
        <StaleNotice stale=live.stale />
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || {
                list.get()
                    .map(|result| match result {
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                        Ok(rows) if rows.is_empty() => view! { <div class="panel"><p>{empty}</p></div> }.into_any(),
                        Ok(rows) => table(rows).into_any(),
                    })
            }}
        </Transition>
    }
}

/// Runs a form's call through the scope's session: its button is disabled while it runs (no
/// double create), and a failure is shown in the form in the cloud's words, its input kept.
pub fn submit<T, F, Fut>(
    scope: Scope,
    busy: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    call: F,
    done: impl FnOnce(T) + 'static,
) where
    T: 'static,
    F: Fn(Session) -> Fut + 'static,
    Fut: Future<Output = Result<T, CloudError>> + 'static,
{
    let sessions = Sessions::expect();
    run(
        busy,
        error,
        async move { sessions.run(&scope, call).await },
        |e| e.to_string(),
        done,
    );
}

/// Runs a form's `call`, whatever the cloud, as [`submit`] does; `explain` words a failure.
pub fn run<T: 'static>(
    busy: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    call: impl Future<Output = Result<T, CloudError>> + 'static,
    explain: impl FnOnce(&CloudError) -> String + 'static,
    done: impl FnOnce(T) + 'static,
) {
    if busy.get_untracked() {
        return;
    }
    busy.set(true);
    error.set(None);
    leptos::task::spawn_local(async move {
        let result = call.await;
        busy.set(false);
        match result {
            Ok(value) => done(value),
            Err(e) => error.set(Some(explain(&e))),
        }
    });
}

/// A dialog's Cancel (and Escape): closes it by emptying `target`, unless its request is in
/// flight.
pub fn closer<T: Send + Sync + 'static>(
    busy: RwSignal<bool>,
    target: RwSignal<Option<T>>,
) -> Callback<()> {
    Callback::new(move |_| {
        if !busy.get_untracked() {
            target.set(None);
        }
    })
}

/// The form's error, where a screen reader announces it.
#[component]
pub fn FormError(error: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <Show when=move || error.get().is_some()>
            <p class="form-error" role="alert">{move || error.get()}</p>
        </Show>
    }
}

/// A text field bound to a signal.
#[component]
pub fn TextField(
    #[prop(into)] label: Signal<String>,
    name: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type="text"
                name=name
                required=required
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}

/// A confirmed delete of one OpenStack resource through the scope's session (see
/// [`ConfirmDelete`]).
#[component]
pub fn DeleteOne<T, F, Fut>(
    scope: Scope,
    /// What to delete; the dialog is open while it is `Some`.
    #[prop(into)]
    target: Signal<Option<T>>,
    #[prop(into)] title: Signal<String>,
    name: fn(&T) -> String,
    command: fn(&T) -> String,
    delete: F,
    on_close: Callback<()>,
    on_done: Callback<()>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(Session, T) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<(), CloudError>> + 'static,
{
    let sessions = Sessions::expect();
    let scope = StoredValue::new(scope);
    let call = move |victim: T| {
        let delete = delete.clone();
        let scope = scope.get_value();
        async move {
            sessions
                .run(&scope, move |session| delete(session, victim.clone()))
                .await
        }
    };
    view! {
        <ConfirmDelete
            target
            title
            name=Callback::new(move |t: T| name(&t))
            command=Callback::new(move |t: T| command(&t))
            delete=call
            explain=Callback::new(|e: CloudError| e.to_string())
            on_close
            on_done
        />
    }
}

/// A confirmed delete of one resource, whatever the cloud: the confirmation names it and shows
/// the command line; a refusal becomes an error notification, worded by `explain`.
#[component]
pub fn ConfirmDelete<T, F, Fut>(
    /// What to delete; the dialog is open while it is `Some`.
    #[prop(into)]
    target: Signal<Option<T>>,
    #[prop(into)] title: Signal<String>,
    /// How the confirmation and the notifications name it.
    name: Callback<T, String>,
    command: Callback<T, String>,
    delete: F,
    explain: Callback<CloudError, String>,
    on_close: Callback<()>,
    on_done: Callback<()>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), CloudError>> + 'static,
{
    let notifications = crate::shell::notifications::Notifications::expect();
    let i18n = use_i18n();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let names = Signal::derive(move || target.get().map(|t| vec![name.run(t)]).unwrap_or_default());
    let line = Signal::derive(move || target.get().map(|t| command.run(t)).unwrap_or_default());
    let delete = StoredValue::new(delete);
    let confirm = Callback::new(move |_| {
        let Some(victim) = target.get_untracked() else {
            return;
        };
        let what = name.run(victim.clone());
        run(
            busy,
            error,
            delete.with_value(|delete| delete(victim)),
            move |e| explain.run(e.clone()),
            move |()| {
                on_close.run(());
                notifications.push(
                    crate::shell::notifications::Level::Success,
                    tu_string!(i18n, list.deleting, name = what),
                    None,
                );
                on_done.run(());
            },
        );
    });
    Effect::new(move |_| {
        if let Some(message) = error.get() {
            let what = target
                .get_untracked()
                .map(|t| name.run(t))
                .unwrap_or_default();
            notifications.error(tu_string!(i18n, list.delete_failed, name = what), message);
            error.set(None);
            on_close.run(());
        }
    });
    view! {
        <crate::components::confirm::Confirm
            open=Signal::derive(move || target.get().is_some())
            title
            names
            action=crate::tr!(i18n, common.delete)
            command=line
            busy
            on_confirm=confirm
            on_close=Callback::new(move |_| if !busy.get_untracked() { on_close.run(()) })
        />
    }
}

/// A form's Cancel and submit buttons. The submit is disabled while its request is in flight
/// (no double create) and while `blocked` gives a reason, shown on hover.
#[component]
pub fn FormActions(
    #[prop(into)] label: Signal<String>,
    /// Shown while the request is in flight; "Creating…" unless said otherwise.
    #[prop(optional, into)]
    busy_label: Option<Signal<String>>,
    busy: RwSignal<bool>,
    on_cancel: Callback<()>,
    #[prop(optional, into)] blocked: Signal<Option<String>>,
    /// For submits that destroy something (a rebuild).
    #[prop(optional)]
    danger: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let busy_label = busy_label.unwrap_or_else(|| crate::tr!(i18n, common.creating));
    view! {
        <div class="form-actions">
            <button type="button" class="secondary" on:click=move |_| on_cancel.run(())>
                {t!(i18n, common.cancel)}
            </button>
            <button
                type="submit"
                class=if danger { "danger" } else { "primary" }
                disabled=move || busy.get() || blocked.get().is_some()
                title=move || blocked.get()
            >
                {move || if busy.get() { busy_label.get() } else { label.get() }}
            </button>
        </div>
    }
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
