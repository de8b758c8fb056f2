//! Every resource page in a scope (`/{cloud}/{project}/{region}/{section}/{page}`): finds the
//! cloud, asks for a login when there is no session, switches project or region when the URL
//! names another one, then shows the page.

use crate::pages::ec2::gate::AwsInScope;
use crate::pages::not_found::NotFound;
use crate::pages::openstack::backups::list::BackupsPage;
use crate::pages::openstack::detail::DetailPage;
use crate::pages::openstack::images::list::ImagesPage;
use crate::pages::openstack::instances::list::InstancesPage;
use crate::pages::openstack::snapshots::list::VolumeSnapshotsPage;
use crate::pages::openstack::volumes::list::VolumesPage;
use crate::prelude::*;
use crate::shell::login::{LoginForm, remembered};
use crate::shell::nav;
use crate::state::config::CloudKind;
use crate::state::scope::page_path;
use crate::state::session;
use nubo_cloud::openstack::Session;

/// Whether `session` is the one `scope` names (project by name or id, same region).
fn matches(session: &Session, scope: &Scope) -> bool {
    session
        .project()
        .is_some_and(|p| p.name == scope.project || p.id == scope.project)
}

#[component]
pub fn ScopedPage() -> impl IntoView {
    let scope = Scope::from_route();
    let path = page_path();
    let i18n = use_i18n();
    let config = ConfigState::expect();
    move || {
        let Some(scope) = scope.get() else {
            return view! { <NotFound /> }.into_any();
        };
        // `/section/page` is a list; `/section/page/{id}` one of its resources.
        let full = path.get();
        let parts: Vec<&str> = full.trim_matches('/').splitn(3, '/').collect();
        let page_path = format!(
            "/{}",
            parts.iter().take(2).copied().collect::<Vec<_>>().join("/")
        );
        let id = parts.get(2).map(|id| {
            js_sys::decode_uri_component(id)
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_else(|| (*id).to_owned())
        });
        let Some((section, page)) = nav::find(&page_path) else {
            return view! { <NotFound /> }.into_any();
        };
        // An AWS account's pages sign in with keys; an OpenStack cloud's with Keystone.
        let aws = config
            .0
            .get()
            .and_then(Result::ok)
            .and_then(|c| c.clouds.into_iter().find(|c| c.name == scope.cloud))
            .filter(|c| matches!(c.kind, CloudKind::Aws { .. }));
        let body = match aws {
            Some(cloud) => view! { <AwsInScope scope page_path cloud id /> }.into_any(),
            None => view! { <InScope scope page_path id /> }.into_any(),
        };
        view! {
            <header class="page-header">
                <p class="breadcrumb">{move || (section.title)(i18n.get_locale())}</p>
                <h1>{move || (page.label)(i18n.get_locale())}</h1>
                <p class="summary">{move || (page.summary)(i18n.get_locale())}</p>
            </header>
            {body}
        }
        .into_any()
    }
}

#[component]
fn InScope(scope: Scope, page_path: String, id: Option<String>) -> impl IntoView {
    let config = ConfigState::expect();
    let sessions = Sessions::expect();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let cloud_name = StoredValue::new(scope.cloud.clone());
    let cloud = move || {
        config.0.get().and_then(Result::ok).and_then(|c| {
            c.clouds
                .into_iter()
                .find(|c| cloud_name.with_value(|n| &c.name == n))
        })
    };
    let scope = StoredValue::new(scope);
    let page_path = StoredValue::new(page_path);
    // Shows the URL of what `session` is scoped to, if the current one says something else.
    let go_to = move |session: &Session| {
        let scope = scope.get_value();
        let target = Scope {
            cloud: scope.cloud.clone(),
            project: session
                .project()
                .map(|p| p.name.clone())
                .unwrap_or_else(|| "-".into()),
            region: session.region().to_owned(),
        };
        if target != scope {
            navigate(&target.url(&page_path.get_value()), Default::default());
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
            let region = (scope.region != "-").then_some(scope.region.as_str());
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
            if matches(&session, &scope) || scope.project == "-" {
                return None;
            }
            let projects = match session.projects().await {
                Ok(projects) => projects,
                Err(error) => return Some(Err(error.to_string())),
            };
            let Some(project) = projects
                .iter()
                .find(|p| p.name == scope.project || p.id == scope.project)
            else {
                return Some(Err(tu_string!(
                    i18n,
                    scoped.no_such_project,
                    project = &scope.project
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
        if (scope.project == "-" || scope.region == "-")
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
            Some(session) if !matches(&session, &scope) && scope.project != "-" => State::Switching,
            Some(_) if scope.region == "-" || scope.project == "-" => State::Opening,
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
                let region = (scope.region != "-").then(|| scope.region.clone());
                let on_login =
                    Callback::new(move |session: Session| adopt.with_value(|adopt| adopt(session)));
                view! {
                    <div class="panel login-panel">
                        <h2>{t!(i18n, login.log_in_to, cloud = cloud.label().to_owned())}</h2>
                        <LoginForm cloud project=scope.project.clone() region on_login />
                    </div>
                }
                .into_any()
            }
            State::Switching => match switching.get() {
                Some(Some(Err(error))) => view! {
                    <div class="panel panel-error" role="alert">
                        <p>{move || t_string!(i18n, scoped.switch_failed, project = &scope.project, error = &error)}</p>
                    </div>
                }
                .into_any(),
                _ => view! { <p class="loading">{t!(i18n, scoped.switching)}</p> }.into_any(),
            },
            State::Opening => view! { <p class="loading">{t!(i18n, scoped.opening)}</p> }.into_any(),
            State::Ready if id.is_some() => {
                view! { <DetailPage scope page=page_path.get_value() id=id.clone().unwrap_or_default() /> }.into_any()
            }
            State::Ready => match page_path.get_value().as_str() {
                "/compute/instances" => view! { <InstancesPage scope /> }.into_any(),
                "/compute/images" => view! { <ImagesPage scope /> }.into_any(),
                "/volumes/volumes" => view! { <VolumesPage scope /> }.into_any(),
                "/volumes/snapshots" => view! { <VolumeSnapshotsPage scope /> }.into_any(),
                "/volumes/backups" => view! { <BackupsPage scope /> }.into_any(),
                path if path.starts_with("/ec2/") => view! {
                    <div class="panel">
                        <p>{t!(i18n, scoped.aws_only)}</p>
                    </div>
                }
                .into_any(),
                _ => view! {
                    <div class="panel">
                        <p>{t!(i18n, scoped.not_built)}</p>
                    </div>
                }
                .into_any(),
            },
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
