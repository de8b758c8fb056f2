//! What every form dialog shares: its call run once at a time, its error in the cloud's words,
//! its fields and its buttons.

use leptos::prelude::*;
use nubo_cloud::{CloudError, openstack::Session};

use crate::{
    i18n::{t, use_i18n},
    state::{scope::Scope, session::Sessions},
};

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
