//! The sign-in form of an AWS account: access key id, secret and, for temporary credentials, a
//! session token and its expiry (all four filled in at once from the AWS CLI's output pasted
//! into the first field). They stay in this tab's memory; "remember" stores them sealed in
//! localStorage, only when ticked, temporary ones only until they expire, and says where.

use crate::prelude::*;
use crate::state::accounts::{self, SignedIn};
use crate::state::config::CloudConfig;
use crate::state::{aws_keys, storage};
use nubo_cloud::ErrorKind;
use nubo_cloud::aws::{Credentials, pasted};
use time::OffsetDateTime;

#[component]
pub fn AwsLoginForm(cloud: CloudConfig, on_sign_in: Callback<SignedIn>) -> impl IntoView {
    let config = ConfigState::expect();
    let i18n = use_i18n();
    let key_id = RwSignal::new(String::new());
    let secret = RwSignal::new(String::new());
    let token = RwSignal::new(String::new());
    let expires = RwSignal::new(String::new());
    let notifications = Notifications::expect();
    let remember = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<(String, String)>);
    let cloud = StoredValue::new(cloud);
    let remember_key = storage::remembered_aws_key(&cloud.with_value(|c| c.name.clone()));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (id, key, session_token, expiry) = (
            key_id.get_untracked().trim().to_owned(),
            secret.get_untracked().trim().to_owned(),
            token.get_untracked().trim().to_owned(),
            expires.get_untracked().trim().to_owned(),
        );
        let mut credentials = Credentials::new(id, key);
        if !session_token.is_empty() {
            credentials = credentials.with_session_token(session_token);
        }
        if !expiry.is_empty() {
            match pasted::parse_expiry(&expiry) {
                Ok(at) => credentials = credentials.with_expiry(at),
                Err(why) => {
                    error.set(Some((tu_string!(i18n, aws_login.failed).to_owned(), why)));
                    return;
                }
            }
        }
        if let Some(at) = credentials.expires_at
            && credentials.is_expired_at(OffsetDateTime::now_utc())
        {
            let at = pasted::shown(at);
            error.set(Some((
                tu_string!(i18n, aws_login.expired, at).to_string(),
                String::new(),
            )));
            return;
        }
        // Read now: after the await the form may be gone, and its signals with it.
        let remember = remember.get_untracked();
        let proxy = config
            .0
            .get_untracked()
            .and_then(Result::ok)
            .map(|c| c.proxy)
            .unwrap_or_else(|| "/proxy/".into());
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let cloud = cloud.get_value();
            let result = accounts::sign_in(&proxy, &cloud, credentials).await;
            busy.set(false);
            match result {
                Ok(signed_in) => {
                    secret.set(String::new());
                    token.set(String::new());
                    expires.set(String::new());
                    // `try_run`: whoever asked may be gone (the user left while signing in).
                    on_sign_in.try_run(signed_in.clone());
                    if remember && let Err(why) = aws_keys::remember(&cloud.name, &signed_in).await
                    {
                        notifications.push(
                            Level::Warning,
                            tu_string!(i18n, aws_login.not_remembered).to_owned(),
                            Some(why.0),
                        );
                    }
                }
                Err(e) => {
                    // Wrong keys are the common case: say it in plain words, then EC2's own.
                    let plain = if e.kind == ErrorKind::Unauthenticated {
                        tu_string!(i18n, aws_login.rejected).to_owned()
                    } else {
                        tu_string!(i18n, aws_login.failed).to_owned()
                    };
                    error.set(Some((plain, e.to_string())));
                }
            }
        });
    };

    let field = |label: Signal<String>,
                 name: &'static str,
                 kind: &'static str,
                 value: RwSignal<String>,
                 required: bool| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input
                    type=kind
                    name=name
                    required=required
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </label>
        }
    };

    // The CLI's output pasted anywhere in the form fills every field; a key id alone pastes as usual.
    let paste = move |ev: leptos::ev::ClipboardEvent| {
        let Some(text) = ev.clipboard_data().and_then(|d| d.get_data("text").ok()) else {
            return;
        };
        match pasted::parse(&text) {
            None => {}
            Some(Ok(credentials)) => {
                ev.prevent_default();
                key_id.set(credentials.access_key_id);
                secret.set(credentials.secret_access_key);
                token.set(credentials.session_token.unwrap_or_default());
                expires.set(
                    credentials
                        .expires_at
                        .map(pasted::shown)
                        .unwrap_or_default(),
                );
                error.set(None);
            }
            Some(Err(why)) => {
                ev.prevent_default();
                error.set(Some((
                    tu_string!(i18n, aws_login.pasted_bad, why).to_string(),
                    String::new(),
                )));
            }
        }
    };

    view! {
        <form class="form login" on:submit=submit on:paste=paste>
            <p class="hint">{t!(i18n, aws_login.paste_hint)}</p>
            {field(crate::tr!(i18n, aws_login.key_id), "access-key-id", "text", key_id, true)}
            {field(crate::tr!(i18n, aws_login.secret), "secret-access-key", "password", secret, true)}
            {field(crate::tr!(i18n, aws_login.session_token), "session-token", "password", token, false)}
            <Show when=move || !token.get().trim().is_empty() || !expires.get().is_empty()>
                {field(crate::tr!(i18n, aws_login.expires), "expires", "text", expires, false)}
            </Show>
            <label class="check">
                <input
                    type="checkbox"
                    name="remember"
                    prop:checked=move || remember.get()
                    on:change=move |ev| remember.set(event_target_checked(&ev))
                />
                {t!(i18n, aws_login.remember)}
            </label>
            <p class="hint">
                {t!(i18n, login.remember_where_before)}
                <code>{remember_key}</code>
                {t!(i18n, aws_login.remember_where_after)}
            </p>
            {move || {
                error.get().map(|(plain, words)| {
                    view! {
                        <div class="form-error" role="alert">
                            <p>{plain}</p>
                            {(!words.is_empty()).then(|| view! { <p class="cloud-words">{words}</p> })}
                        </div>
                    }
                })
            }}
            <button type="submit" class="primary" disabled=move || busy.get()>
                {move || if busy.get() { t!(i18n, aws_login.signing_in).into_any() } else { t!(i18n, aws_login.sign_in).into_any() }}
            </button>
        </form>
    }
}
