//! A resource's status as a badge: the cloud's own word, so it never depends on colour alone;
//! the colour and the mark only add to it.

use leptos::prelude::*;

pub use nubo_logic::status::{Tone, tone};

#[component]
pub fn StatusBadge(#[prop(into)] status: String) -> impl IntoView {
    let (class, mark) = match tone(&status) {
        Tone::Good => ("badge status-good", "●"),
        Tone::Busy => ("badge status-busy", "◌"),
        Tone::Bad => ("badge status-bad", "✕"),
        Tone::Idle => ("badge status-idle", "○"),
    };
    view! {
        <span class=class>
            <span aria-hidden="true">{mark}" "</span>
            {status}
        </span>
    }
}
