//! The sign-in form of an AWS account: access key id, secret and, for temporary credentials, a
//! session token and its expiry (all four filled in at once from the AWS CLI's output pasted
//! into the first field). They stay in this tab's memory; "remember" stores them sealed in
//! localStorage, only when ticked, temporary ones only until they expire, and says where.

use crate::prelude::*;
use crate::shell::sign_in::{RememberField, SignInButton};
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
    let error = RwSignal::new(None::<Failure>);
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
                    let said =
                        move |l: Locale| format!("{} {why}", td_string!(l, aws_login.failed));
                    error.set(Some(Failure::worded(said)));
                    return;
                }
            }
        }
        if let Some(at) = credentials.expires_at
            && credentials.is_expired_at(OffsetDateTime::now_utc())
        {
            let at = pasted::shown(at);
            let said = move |l: Locale| td_string!(l, aws_login.expired, at = &at).to_string();
            error.set(Some(Failure::worded(said)));
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
        let cloud = cloud.get_value();
        leptos::task::spawn_local(async move {
            let result = accounts::sign_in(&proxy, &cloud, credentials).await;
            busy.try_set(false);
            match result {
                Ok(signed_in) => {
                    secret.try_set(String::new());
                    token.try_set(String::new());
                    expires.try_set(String::new());
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
                    let failure = if e.kind == ErrorKind::Unauthenticated {
                        Failure::led(|l| td_string!(l, aws_login.rejected), e)
                    } else {
                        Failure::Cloud(e)
                    };
                    error.try_set(Some(failure));
                }
            }
        });
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
                let said =
                    move |l: Locale| td_string!(l, aws_login.pasted_bad, why = &why).to_string();
                error.set(Some(Failure::worded(said)));
            }
        }
    };

    view! {
        <form class="form login" on:submit=submit on:paste=paste>
            <p class="hint">{t!(i18n, aws_login.paste_hint)}</p>
            <TextField label=tr!(i18n, aws_login.key_id) name="access-key-id" required=true value=key_id autocomplete="off" />
            <TextField label=tr!(i18n, aws_login.secret) name="secret-access-key" kind="password" required=true value=secret autocomplete="off" />
            <TextField label=tr!(i18n, aws_login.session_token) name="session-token" kind="password" value=token autocomplete="off" />
            <Show when=move || !token.get().trim().is_empty() || !expires.get().is_empty()>
                <TextField label=tr!(i18n, aws_login.expires) name="expires" value=expires autocomplete="off" />
            </Show>
            <RememberField label=tr!(i18n, aws_login.remember) value=remember key=remember_key after=tr!(i18n, aws_login.remember_where_after) />
            <FailureText failure=error />
            <SignInButton busy label=tr!(i18n, aws_login.sign_in) busy_label=tr!(i18n, aws_login.signing_in) />
        </form>
    }
}
