//! A row's action buttons: disabled with the reason when the row's state refuses them, the less
//! common ones behind More.

use leptos::prelude::*;

use crate::{
    i18n::{t, t_string, use_i18n},
    kit::refusal::{Refusal, refusal_text},
};

/// A row action: disabled, with the reason on hover and for screen readers, when the row's
/// state does not allow it.
#[component]
pub fn ActionButton(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] refusal: Signal<Option<Refusal>>,
    on_click: Callback<()>,
    #[prop(optional, into)] busy: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let reason = move || refusal.with(|r| refusal_text(i18n, r));
    view! {
        <button
            type="button"
            class="row-action"
            disabled=move || refusal.with(Option::is_some) || busy.get()
            title=move || reason().unwrap_or_default()
            aria-description=reason
            on:click=move |_| on_click.run(())
        >
            {label}
        </button>
    }
}

/// A row's less common actions, behind "More": keeps rows of many actions narrow enough for
/// their table. The menu closes once one of its actions is chosen; it stays open while the list
/// refreshes, with its own row (rows are keyed by id).
#[component]
pub fn MoreActions(
    /// The row's name, so each "More" says whose actions it holds to a screen reader.
    #[prop(into)]
    name: Signal<String>,
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
            <summary aria-label=move || t_string!(i18n, list.more_actions_for, name = name.get()).to_string()>
                {t!(i18n, list.more_actions)}
            </summary>
            <div class="more-actions-menu" on:click=close>{children()}</div>
        </details>
    }
}
