//! The gate of every scoped URL (`/{cloud}/{tenant}/{region}/…`, a parent route): finds the
//! cloud, asks for a login when there is no session, switches project or region when the URL
//! names another one, then lets the panel's page through its `<Outlet/>`. An AWS cloud's gate
//! is `ec2::gate`.

use crate::pages::ec2::gate::AwsInScope;
use crate::pages::not_found::NotFound;
use crate::pages::panels::Admitted;
use crate::prelude::*;
use crate::shell::login::{LoginForm, remembered};
use crate::shell::nav::PanelHeader;
use crate::state::config::CloudKind;
use crate::state::entry;
use crate::state::scope::{self, Route};
use crate::state::session;
use leptos_router::components::Outlet;
use nubo_cloud::openstack::Session;

/// Whether `session` is the one `scope` names (project by name or id, same region).
fn matches(session: &Session, scope: &Scope) -> bool {
    session
        .project()
        .is_some_and(|p| scope.tenant.is(&p.name, &p.id))
}

#[component]
pub fn ScopeGate() -> impl IntoView {
    let route = scope::current();
    let scope = scope::scope();
    let panel = Memo::new(move |_| route.with(Route::panel));
    let config = ConfigState::expect();
    let header = move || panel.get().map(|panel| view! { <PanelHeader panel /> });
    // Re-created only when the scope changes: a move between panels of one scope keeps the
    // session's state and replaces only what the outlet shows.
    let body = move || {
        let Some(scope) = scope.get() else {
            return view! { <NotFound /> }.into_any();
        };
        // An AWS account's pages sign in with keys; an OpenStack cloud's with Keystone.
        let aws = config
            .0
            .get()
            .and_then(Result::ok)
            .and_then(|c| c.clouds.into_iter().find(|c| c.name == scope.cloud))
            .filter(|c| matches!(c.kind, CloudKind::Aws { .. }));
        let scope = StoredValue::new(scope);
        match aws {
            Some(cloud) => view! { <AwsInScope scope cloud /> }.into_any(),
            None => view! { <InScope scope /> }.into_any(),
        }
    };
    view! {
        {header}
        {body}
    }
}

/// The gate's way through: the outlet for a panel of this kind of cloud, else which kind the
/// panel is for.
#[component]
pub fn Admit(scope: Scope, ec2: bool) -> impl IntoView {
    let i18n = use_i18n();
    let route = scope::current();
    let fits = Memo::new(move |_| route.with(Route::panel).map(|p| p.is_ec2() == ec2));
    provide_context(Admitted(scope));
    move || match fits.get() {
        Some(true) => view! { <Outlet /> }.into_any(),
        Some(false) if ec2 => view! {
            <div class="panel"><p>{t!(i18n, scoped.openstack_only)}</p></div>
        }
        .into_any(),
        Some(false) => view! {
            <div class="panel"><p>{t!(i18n, scoped.aws_only)}</p></div>
        }
        .into_any(),
        None => ().into_any(),
    }
}

#[component]
fn InScope(scope: StoredValue<Scope>) -> impl IntoView {
    let config = ConfigState::expect();
    let sessions = Sessions::expect();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let cloud_name = StoredValue::new(scope.with_value(|s| s.cloud.clone()));
    let cloud = move || {
        config.0.get().and_then(Result::ok).and_then(|c| {
            c.clouds
                .into_iter()
                .find(|c| cloud_name.with_value(|n| &c.name == n))
        })
    };
    let route = scope::current();
    // Shows the URL of what `session` is scoped to, if the current one says something else.
    let go_to = move |session: &Session| {
        let scope = scope.get_value();
        let target = entry::of_session(&scope.cloud, session);
        if target != scope
            && let Some(panel) = route.with_untracked(Route::panel)
        {
            navigate(&target.url(panel), Default::default());
        }
    };
    let go_to = StoredValue::new(go_to);
    // After a login or a project switch: keep the session, then show where it is.
    let adopt = move |session: Session| {
        go_to.with_value(|go| go(&session));
        sessions.set(&scope.with_value(|s| s.cloud.clone()), session);
    };
    let adopt = StoredValue::new(adopt);

    // A remembered application credential logs in on its own.
    // Captured now: the fetcher may run again after the page is left (a refetch
    // just before navigating away), when the page's stored values are gone.
    let fetch_scope = scope.get_value();
    let auto = LocalResource::new(move || {
        let scope = fetch_scope.clone();
        let proxy = config.0.get().and_then(Result::ok).map(|c| c.proxy);
        let cloud = cloud();
        async move {
            let (Some(proxy), Some(cloud)) = (proxy, cloud) else {
                return None;
            };
            if sessions.get(&scope.cloud).is_some() {
                return None;
            }
            let credentials = remembered(&cloud.name).await?;
            let region = scope.region();
            session::log_in(&proxy, &cloud, &credentials, region)
                .await
                .ok()
        }
    });
    Effect::new(move |_| {
        if let Some(Some(session)) = auto.get() {
            adopt.with_value(|adopt| adopt(session));
        }
    });

    // The URL names another project than the session's: re-scope to it.
    // Captured now: the fetcher may run again after the page is left (a refetch
    // just before navigating away), when the page's stored values are gone.
    let fetch_scope = scope.get_value();
    let switching = LocalResource::new(move || {
        let scope = fetch_scope.clone();
        let session = sessions.get(&scope.cloud);
        async move {
            let session = session?;
            let wanted = scope.tenant.name()?;
            if matches(&session, &scope) {
                return None;
            }
            let projects = match session.projects().await {
                Ok(projects) => projects,
                Err(error) => return Some(Err(error.to_string())),
            };
            let Some(project) = projects.iter().find(|p| p.name == wanted || p.id == wanted) else {
                return Some(Err(tu_string!(
                    i18n,
                    scoped.no_such_project,
                    project = wanted
                )
                .to_string()));
            };
            Some(
                session
                    .rescope(&project.id)
                    .await
                    .map_err(|e| e.to_string()),
            )
        }
    });
    Effect::new(move |_| {
        if let Some(Some(Ok(session))) = switching.get() {
            adopt.with_value(|adopt| adopt(session));
        }
    });

    // Logged in already, but the URL does not say where yet (`-`): say it.
    Effect::new(move |_| {
        let scope = scope.get_value();
        if (scope.tenant.name().is_none() || scope.region().is_none())
            && let Some(session) = sessions.get(&scope.cloud)
        {
            go_to.with_value(|go| go(&session));
        }
    });

    // What to show, as a value: a renewed session (same project) keeps the page and its forms.
    let state = Memo::new(move |_| {
        let scope = scope.get_value();
        match sessions.get(&scope.cloud) {
            None => State::LoggedOut,
            Some(session) if !matches(&session, &scope) && scope.tenant.name().is_some() => {
                State::Switching
            }
            Some(_) if scope.region().is_none() || scope.tenant.name().is_none() => State::Opening,
            Some(_) => State::Ready,
        }
    });

    move || {
        let scope = scope.get_value();
        let Some(cloud) = cloud() else {
            return view! {
                <div class="panel panel-error" role="alert">
                    <p>{move || t_string!(i18n, scoped.no_such_cloud, cloud = &scope.cloud)}</p>
                </div>
            }
            .into_any();
        };
        match state.get() {
            State::LoggedOut => {
                let region = scope.region().map(str::to_owned);
                let project = scope.tenant.name().unwrap_or_default().to_owned();
                let on_login =
                    Callback::new(move |session: Session| adopt.with_value(|adopt| adopt(session)));
                view! {
                    <div class="panel login-panel">
                        <h2>{t!(i18n, login.log_in_to, cloud = cloud.label().to_owned())}</h2>
                        <LoginForm cloud project region on_login />
                    </div>
                }
                .into_any()
            }
            State::Switching => match switching.get() {
                Some(Some(Err(error))) => view! {
                    <div class="panel panel-error" role="alert">
                        <p>{move || t_string!(i18n, scoped.switch_failed, project = scope.tenant.segment(), error = &error)}</p>
                    </div>
                }
                .into_any(),
                _ => view! { <p class="loading">{t!(i18n, scoped.switching)}</p> }.into_any(),
            },
            State::Opening => view! { <p class="loading">{t!(i18n, scoped.opening)}</p> }.into_any(),
            State::Ready => view! { <Admit scope ec2=false /> }.into_any(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    LoggedOut,
    Switching,
    Opening,
    Ready,
}
