//! Confirmations. Every destructive action goes through one that names what it destroys; an
//! action that is not a delete but stops something (Stop, disabling a schedule) names its
//! resource and says what follows; a form that overwrites a resource in place (Rebuild, restore
//! over a volume) asks for the resource's name to be typed.

use leptos::prelude::*;

use crate::i18n::{t, t_string, use_i18n};

use crate::components::{cli::CliEquivalent, dialog::Dialog};

/// A choice inside a confirmation that widens what it destroys (delete an image's Cinder
/// snapshots with it): a checkbox, and the names of what it adds, listed while it is checked.
#[derive(Clone, Copy)]
pub struct Widen {
    pub label: Signal<String>,
    pub value: RwSignal<bool>,
    pub names: Signal<Vec<String>>,
}

#[component]
pub fn Confirm(
    #[prop(into)] open: Signal<bool>,
    #[prop(into)] title: Signal<String>,
    /// The names of what the action touches, listed in full.
    #[prop(into)]
    names: Signal<Vec<String>>,
    /// What happens to them; "This cannot be undone:" unless said otherwise.
    #[prop(optional, into)]
    consequence: Option<Signal<String>>,
    #[prop(into)] action: Signal<String>,
    #[prop(into)] command: Signal<String>,
    #[prop(into)] busy: Signal<bool>,
    on_confirm: Callback<()>,
    on_close: Callback<()>,
    /// Offered when it has names.
    #[prop(optional)]
    widen: Option<Widen>,
) -> impl IntoView {
    let i18n = use_i18n();
    let consequence = consequence.unwrap_or_else(|| crate::tr!(i18n, confirm.cannot_be_undone));
    let widen = move || {
        let w = widen?;
        let offered = move || !w.names.with(Vec::is_empty);
        Some(view! {
            <Show when=offered>
                <label class="check">
                    <input
                        type="checkbox"
                        name="widen"
                        prop:checked=move || w.value.get()
                        on:change=move |ev| w.value.set(event_target_checked(&ev))
                    />
                    {move || w.label.get()}
                </label>
                <Show when=move || w.value.get()>
                    <ul class="confirm-list">
                        {move || w.names.get().into_iter().map(|n| view! { <li><strong>{n}</strong></li> }).collect_view()}
                    </ul>
                </Show>
            </Show>
        })
    };
    view! {
        <Dialog title open on_close>
            <p class="confirm-consequence">{move || consequence.get()}</p>
            <ul class="confirm-list">
                {move || names.get().into_iter().map(|n| view! { <li><strong>{n}</strong></li> }).collect_view()}
            </ul>
            {widen}
            <CliEquivalent command />
            <div class="form-actions">
                <button type="button" class="secondary" on:click=move |_| on_close.run(())>
                    {t!(i18n, common.cancel)}
                </button>
                <button
                    type="button"
                    class="danger"
                    disabled=move || busy.get()
                    on:click=move |_| on_confirm.run(())
                >
                    {move || action.get()}
                </button>
            </div>
        </Dialog>
    }
}

/// A confirmed action on one resource that is not a delete: the dialog is open while `target`
/// is `Some`, names it and says what follows; `on_confirm` runs the action, which reports its
/// own outcome.
#[component]
pub fn ConfirmOne<T>(
    #[prop(into)] target: Signal<Option<T>>,
    #[prop(into)] title: Signal<String>,
    name: Callback<T, String>,
    #[prop(into)] consequence: Signal<String>,
    #[prop(into)] action: Signal<String>,
    command: Callback<T, String>,
    on_confirm: Callback<T>,
    on_close: Callback<()>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    let names = Signal::derive(move || target.get().map(|t| vec![name.run(t)]).unwrap_or_default());
    let command = Signal::derive(move || target.get().map(|t| command.run(t)).unwrap_or_default());
    let confirm = Callback::new(move |()| {
        if let Some(t) = target.get_untracked() {
            on_close.run(());
            on_confirm.run(t);
        }
    });
    view! {
        <Confirm
            open=Signal::derive(move || target.get().is_some())
            title
            names
            consequence
            action
            command
            busy=Signal::derive(|| false)
            on_confirm=confirm
            on_close
        />
    }
}

/// The field of a form that overwrites `name` in place: the submit stays blocked (see
/// [`typed_confirmation`]) until the name is typed exactly.
#[component]
pub fn TypeToConfirm(#[prop(into)] name: Signal<String>, typed: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="field type-to-confirm">
            <span>
                {t!(i18n, confirm.type_before)}
                <strong class="mono">{move || name.get()}</strong>
                {t!(i18n, confirm.type_after)}
            </span>
            <input
                type="text"
                name="confirm-name"
                autocomplete="off"
                spellcheck="false"
                prop:value=move || typed.get()
                on:input=move |ev| typed.set(event_target_value(&ev))
            />
        </label>
    }
}

/// What a [`TypeToConfirm`] form holds: the text typed, emptied whenever what `reset_on` reads
/// changes (another target), and why the submit is blocked while it does not match `name`.
pub fn typed_confirmation(
    name: Signal<String>,
    reset_on: impl Fn() + 'static,
) -> (RwSignal<String>, Signal<Option<String>>) {
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    Effect::new(move |_| {
        reset_on();
        typed.set(String::new());
    });
    let blocked = Signal::derive(move || {
        let name = name.get();
        (typed.get().trim() != name.trim())
            .then(|| t_string!(i18n, confirm.type_blocked, name = name).to_string())
    });
    (typed, blocked)
}
