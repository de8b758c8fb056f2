//! The confirmation every destructive action goes through: it names what will be destroyed.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

use super::{cli::CliEquivalent, dialog::Dialog};

#[component]
pub fn Confirm(
    #[prop(into)] open: Signal<bool>,
    #[prop(into)] title: Signal<String>,
    /// The names of what the action destroys, listed in full.
    #[prop(into)]
    names: Signal<Vec<String>>,
    #[prop(into)] action: Signal<String>,
    #[prop(into)] command: Signal<String>,
    #[prop(into)] busy: Signal<bool>,
    on_confirm: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Dialog title open on_close>
            <p>{t!(i18n, confirm.cannot_be_undone)}</p>
            <ul class="confirm-list">
                {move || names.get().into_iter().map(|n| view! { <li><strong>{n}</strong></li> }).collect_view()}
            </ul>
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
