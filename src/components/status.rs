//! A resource's status as a badge: the cloud's own word, so it never depends on colour alone;
//! the colour and the mark only add to it.

use leptos::prelude::*;

/// How a status reads to a person, whatever the cloud calls it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    /// On the way to another status; lists keep polling while a row has one.
    Busy,
    Bad,
    Idle,
}

pub fn tone(status: &str) -> Tone {
    match status.to_ascii_lowercase().as_str() {
        "active" | "available" | "completed" | "in-use" | "running" | "enabled" => Tone::Good,
        "error" | "failed" | "killed" | "deleted" | "error_deleting" | "error_restoring"
        | "error_extending" | "invalid" | "deregistered" => Tone::Bad,
        "shutoff" | "stopped" | "paused" | "suspended" | "shelved" | "shelved_offloaded"
        | "disabled" | "deactivated" | "reserved" => Tone::Idle,
        _ => Tone::Busy,
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn transitional_states_are_busy() {
        for busy in [
            "queued",
            "saving",
            "creating",
            "BUILD",
            "backing-up",
            "pending",
            "restoring-backup",
        ] {
            assert_eq!(tone(busy), Tone::Busy, "{busy}");
        }
        assert_eq!(tone("ACTIVE"), Tone::Good);
        assert_eq!(tone("SHUTOFF"), Tone::Idle);
        assert_eq!(tone("error"), Tone::Bad);
    }
}
