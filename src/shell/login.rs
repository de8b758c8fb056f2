//! The login form of an OpenStack cloud: password (scoped to a project) or application
//! credential. Secrets stay in this form's memory; only an application credential is ever
//! stored, only when the user asks for it, and sealed (see `vault`).

use crate::prelude::*;
use crate::shell::sign_in::{RememberField, SignInButton};
use crate::state::config::CloudConfig;
use crate::state::{session, storage};
use nubo_cloud::openstack::{Credentials, ProjectScope, Session};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Password,
    ApplicationCredential,
}

/// A credential the user asked to remember: `id` and `secret`, sealed in localStorage.
pub async fn remembered(cloud: &str) -> Option<Credentials> {
    let text = storage::get_secret(&storage::remembered_key(cloud)).await?;
    let (id, secret) = text.split_once('\n')?;
    Some(Credentials::ApplicationCredential {
        id: id.to_owned(),
        secret: secret.to_owned(),
    })
}

#[component]
pub fn LoginForm(
    cloud: CloudConfig,
    /// The project named in the URL, offered for a password login.
    #[prop(into)]
    project: String,
    /// The region named in the URL.
    #[prop(into)]
    region: Option<String>,
    on_login: Callback<Session>,
) -> impl IntoView {
    let config = ConfigState::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let method = RwSignal::new(Method::Password);
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let project = RwSignal::new(project);
    let domain = RwSignal::new("Default".to_owned());
    let credential_id = RwSignal::new(String::new());
    let secret = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<Failure>);
    let cloud = StoredValue::new(cloud);
    let remember_key = storage::remembered_key(&cloud.with_value(|c| c.name.clone()));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let credentials = match method.get_untracked() {
            Method::Password => Credentials::Password {
                user: user.get_untracked().trim().to_owned(),
                user_domain: domain.get_untracked().trim().to_owned(),
                password: password.get_untracked(),
                // No project typed: one of the user's, the last used here first (as Horizon).
                project: match project.get_untracked().trim() {
                    "" => ProjectScope::Unnamed {
                        preferred: cloud
                            .with_value(|c| storage::get(&storage::project_key(&c.name))),
                    },
                    name => ProjectScope::Name {
                        name: name.to_owned(),
                        domain: domain.get_untracked().trim().to_owned(),
                    },
                },
            },
            Method::ApplicationCredential => Credentials::ApplicationCredential {
                id: credential_id.get_untracked().trim().to_owned(),
                secret: secret.get_untracked(),
            },
        };
        let proxy = config
            .0
            .get_untracked()
            .and_then(Result::ok)
            .map(|c| c.proxy)
            .unwrap_or_else(|| "/proxy/".into());
        let region = region.clone();
        // Read now: after the await the form may be gone, and its signals with it.
        let remember = remember.get_untracked();
        busy.set(true);
        error.set(None);
        let cloud = cloud.get_value();
        leptos::task::spawn_local(async move {
            let result = session::log_in(&proxy, &cloud, &credentials, region.as_deref()).await;
            busy.try_set(false);
            match result {
                Ok(session) => {
                    let to_remember = match (remember, &credentials) {
                        (true, Credentials::ApplicationCredential { id, secret }) => {
                            Some(format!("{id}\n{secret}"))
                        }
                        _ => None,
                    };
                    password.try_set(String::new());
                    secret.try_set(String::new());
                    // `try_run`: whoever asked may be gone (the user left while logging in).
                    on_login.try_run(session);
                    // After the login: this form may be gone by the time the key is made.
                    if let Some(text) = to_remember
                        && let Err(why) =
                            storage::set_secret(&storage::remembered_key(&cloud.name), &text).await
                    {
                        notifications.push(
                            Level::Warning,
                            tu_string!(i18n, login.not_remembered).to_owned(),
                            Some(why.0),
                        );
                    }
                }
                Err(e) => drop(error.try_set(Some(Failure::Cloud(e)))),
            }
        });
    };

    view! {
        <form class="form login" on:submit=submit>
            <RadioField legend=tr!(i18n, login.log_in_with) name="method" value=method choices=vec![
                (Method::Password, tr!(i18n, login.password)),
                (Method::ApplicationCredential, tr!(i18n, login.application_credential)),
            ] />
            <Show
                when=move || method.get() == Method::Password
                fallback=move || {
                    view! {
                        <TextField label=tr!(i18n, login.credential_id) name="credential-id" required=true value=credential_id autocomplete="username" />
                        <TextField label=tr!(i18n, login.secret) name="secret" kind="password" required=true value=secret autocomplete="current-password" />
                        <RememberField label=tr!(i18n, login.remember) value=remember key=remember_key.clone() after=tr!(i18n, login.remember_where_after) />
                    }
                }
            >
                <TextField label=tr!(i18n, login.user_name) name="user" required=true value=user autocomplete="username" />
                <TextField label=tr!(i18n, login.password) name="password" kind="password" required=true value=password autocomplete="current-password" />
                <TextField label=tr!(i18n, login.project_optional) name="project" value=project autocomplete="off" />
                <TextField label=tr!(i18n, login.domain) name="domain" required=true value=domain autocomplete="off" />
            </Show>
            <FailureText failure=error />
            <SignInButton busy label=tr!(i18n, login.log_in) busy_label=tr!(i18n, login.logging_in) />
        </form>
    }
}
