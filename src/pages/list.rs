//! What every resource list shares: it is fetched through the session of the page's scope, it
//! follows itself while a row is transitional, and its rows offer actions that declare when
//! they are allowed.

use leptos::prelude::*;
use nubo_cloud::{CloudError, Resource, openstack::Session};

use crate::{
    components::status::{Tone, tone},
    poll,
    scope::Scope,
    session::Sessions,
};

pub type Listed<T> = Result<Vec<T>, CloudError>;

/// The list `fetch` returns for the current `key` (tracked: a changed filter fetches again),
/// polled while any row is transitional.
pub fn live<T, K, F, Fut>(
    scope: StoredValue<Scope>,
    key: impl Fn() -> K + 'static,
    fetch: F,
) -> LocalResource<Listed<T>>
where
    T: Resource + Clone + 'static,
    K: Clone + 'static,
    F: Fn(Session, K) -> Fut + Clone + 'static,
    Fut: Future<Output = Listed<T>> + 'static,
{
    let sessions = Sessions::expect();
    let list = LocalResource::new(move || {
        let key = key();
        let fetch = fetch.clone();
        let scope = scope.get_value();
        async move {
            sessions
                .run(&scope, |session| fetch(session, key.clone()))
                .await
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
        },
        move || {
            if list.try_with_untracked(|_| ()).is_some() {
                list.refetch();
            }
        },
    );
    list
}

/// Why an action is not allowed for a row in `status`, or `None` when it is.
pub fn refusal(status: &str, allowed: &[&str]) -> Option<String> {
    (!allowed.contains(&status)).then(|| format!("Not possible while the status is {status}"))
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
    #[prop(into)] label: String,
    refusal: Option<String>,
    on_click: Callback<()>,
    #[prop(optional, into)] busy: Signal<bool>,
) -> impl IntoView {
    let disabled = refusal.is_some();
    view! {
        <button
            type="button"
            class="row-action"
            disabled=move || disabled || busy.get()
            title=refusal.clone().unwrap_or_default()
            aria-description=refusal
            on:click=move |_| on_click.run(())
        >
            {label}
        </button>
    }
}

/// Renders a fetched list: loading, the cloud's error, an empty message, or the table.
pub fn render<T: Clone + 'static, V: IntoView + 'static>(
    list: LocalResource<Listed<T>>,
    empty: &'static str,
    table: impl Fn(Vec<T>) -> V + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
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
    if busy.get_untracked() {
        return;
    }
    let sessions = Sessions::expect();
    busy.set(true);
    error.set(None);
    leptos::task::spawn_local(async move {
        let result = sessions.run(&scope, call).await;
        busy.set(false);
        match result {
            Ok(value) => done(value),
            Err(e) => error.set(Some(e.to_string())),
        }
    });
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
    label: &'static str,
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
