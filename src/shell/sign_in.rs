//! What the two sign-in forms (OpenStack's and AWS's) share: "remember" with where it would be
//! kept and the submit button that waits for the cloud.

use crate::prelude::*;

/// "Remember", and the localStorage key it would be kept under, said before it is ticked.
#[component]
pub fn RememberField(
    #[prop(into)] label: Signal<String>,
    value: RwSignal<bool>,
    key: String,
    /// The end of the sentence that names the key.
    #[prop(into)]
    after: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <CheckField label name="remember" value />
        <p class="hint">
            {t!(i18n, login.remember_where_before)}
            <code>{key}</code>
            {after}
        </p>
    }
}

/// The submit button, and its words while the cloud answers.
#[component]
pub fn SignInButton(
    busy: RwSignal<bool>,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] busy_label: Signal<String>,
) -> impl IntoView {
    view! {
        <button type="submit" class="primary" disabled=move || busy.get()>
            {move || if busy.get() { busy_label.get() } else { label.get() }}
        </button>
    }
}
