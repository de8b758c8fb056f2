//! The command-line equivalent of a form, with a copy button: users learn the CLI from the
//! portal, and can script what they just did.

use leptos::prelude::*;

use crate::i18n::{t, t_string, use_i18n};

#[component]
pub fn CliEquivalent(#[prop(into)] command: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let text = command.get_untracked();
        if let Some(window) = web_sys::window() {
            let _ = window.navigator().clipboard().write_text(&text);
            copied.set(true);
        }
    };
    // Nothing to run yet (an unchanged tag list): no empty box.
    view! {
        <div class="cli" hidden=move || command.with(String::is_empty)>
            <span class="cli-label">{t!(i18n, cli.command_line)}</span>
            <pre>
                <code>{move || command.get()}</code>
            </pre>
            <button type="button" class="secondary" on:click=copy>
                {move || if copied.get() { t_string!(i18n, cli.copied) } else { t_string!(i18n, cli.copy) }}
            </button>
        </div>
    }
}
