//! The top bar: which cloud, project and region the page shows — always visible, and the way to
//! change them. A change is a navigation to the same page in the new scope.

use crate::prelude::*;
use crate::shell::language::LanguagePicker;
use crate::state::accounts::SignedIn;
use crate::state::entry;
use crate::state::scope::{self, Route};
use leptos_router::components::A;
use nubo_cloud::aws::pasted;

#[component]
pub fn TopBar() -> impl IntoView {
    let config = ConfigState::expect();
    let sessions = Sessions::expect();
    let accounts = Accounts::expect();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let route = scope::current();
    let current = scope::scope();
    // The same panel in the new scope (its list: a resource lives in one scope), else the
    // instances of the kind of cloud chosen.
    let go = move |scope: Scope| {
        let first = config.0.with_untracked(|c| {
            c.as_ref()
                .and_then(|c| c.as_ref().ok())
                .and_then(|c| c.clouds.iter().find(|c| c.name == scope.cloud))
                .map(entry::first_panel)
        });
        let first = first.unwrap_or(Panel::Instances);
        let panel = route
            .with_untracked(Route::panel)
            .filter(|p| p.is_ec2() == first.is_ec2())
            .unwrap_or(first);
        navigate(&scope.url(panel), Default::default());
    };
    let go = StoredValue::new(go);
    let session = move || current.get().and_then(|s| sessions.get(&s.cloud));
    let aws = move || current.get().and_then(|s| accounts.get(&s));
    // An AWS cloud's second picker chooses among its accounts, as OpenStack's does projects.
    let is_aws = move || {
        let cloud = current.get().map(|s| s.cloud)?;
        config
            .clouds()?
            .ok()?
            .into_iter()
            .find(|c| c.name == cloud)
            .map(|c| c.kind.as_str() == "aws")
    };
    let is_aws = Memo::new(move |_| is_aws().unwrap_or(false));

    let cloud_options = move || match config.clouds() {
        None => view! { <option value="">{t!(i18n, common.loading)}</option> }.into_any(),
        Some(Err(_)) => {
            view! { <option value="">{t!(i18n, top_bar.no_configuration)}</option> }.into_any()
        }
        Some(Ok(clouds)) if clouds.is_empty() => {
            view! { <option value="">{t!(i18n, top_bar.no_clouds)}</option> }.into_any()
        }
        Some(Ok(clouds)) => {
            let chosen = current.get().map(|s| s.cloud);
            let none = chosen.is_none().then(
                || view! { <option value="" selected>{t!(i18n, top_bar.choose_cloud)}</option> },
            );
            // Every cloud and account open in this tab comes first, named with who is in it.
            let (open, closed): (Vec<_>, Vec<_>) = clouds
                .into_iter()
                .map(|cloud| {
                    let who = entry::who(sessions, accounts, &cloud.name);
                    (cloud, who)
                })
                .partition(|(_, who)| who.is_some());
            let option = |(cloud, who): (crate::state::config::CloudConfig, Option<String>)| {
                let text = match who {
                    Some(who) => format!("{} ({}) — {who}", cloud.label(), cloud.kind.as_str()),
                    None => format!("{} ({})", cloud.label(), cloud.kind.as_str()),
                };
                let selected = chosen.as_deref() == Some(cloud.name.as_str());
                view! { <option value=cloud.name selected=selected>{text}</option> }
            };
            let groups = if open.is_empty() {
                closed.into_iter().map(option).collect_view().into_any()
            } else {
                view! {
                    <optgroup label=move || t_string!(i18n, top_bar.open_clouds)>
                        {open.into_iter().map(option).collect_view()}
                    </optgroup>
                    <optgroup label=move || t_string!(i18n, top_bar.other_clouds)>
                        {closed.into_iter().map(option).collect_view()}
                    </optgroup>
                }
                .into_any()
            };
            view! {
                {none}
                {groups}
            }
            .into_any()
        }
    };
    let change_cloud = move |ev: leptos::ev::Event| {
        let cloud = event_target_value(&ev);
        if cloud.is_empty() {
            return;
        }
        // An AWS account has no project; its page names the account and the region once
        // signed in.
        go.with_value(|go| go(entry::scope(sessions, &cloud)));
    };

    let projects = LocalResource::new(move || {
        let session = session();
        async move {
            match session {
                Some(session) => session.projects().await.unwrap_or_default(),
                None => Vec::new(),
            }
        }
    });
    let account_options = move || {
        let (cloud, tenant) = current
            .get()
            .map(|s| (s.cloud, s.tenant))
            .unwrap_or((String::new(), Tenant::Unchosen));
        let chosen = tenant.name().unwrap_or_default();
        let new = Tenant::New.segment().to_owned();
        let open = accounts.of_cloud(&cloud);
        let none = (!open.iter().any(|a| a.url_name() == chosen) && tenant != Tenant::New)
            .then(|| view! { <option value="" selected>"—"</option> });
        view! {
            {none}
            {open
                .into_iter()
                .map(|a| {
                    let value = a.url_name();
                    let selected = value == chosen;
                    view! { <option value=value selected=selected>{a.who()}</option> }
                })
                .collect_view()}
            <option value=new selected=tenant == Tenant::New>
                {t!(i18n, top_bar.another_account)}
            </option>
        }
    };
    let project_options = move || {
        let chosen = current
            .get()
            .and_then(|s| s.tenant.name().map(str::to_owned))
            .unwrap_or_default();
        let mut names: Vec<String> = projects
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|p| p.name)
            .collect();
        if !names.contains(&chosen) && !chosen.is_empty() {
            names.insert(0, chosen.clone());
        }
        options(names, &chosen)
    };
    let region_options = move || {
        let chosen = current.get().map(|s| s.region).unwrap_or_default();
        let regions = session()
            .map(|s| s.regions())
            .or_else(|| aws().map(|a| a.regions));
        options(regions.unwrap_or_default(), &chosen)
    };
    let logged_in = move || session().is_some() || aws().is_some();
    let has_projects = move || session().is_some();
    let second_picker = move || has_projects() || is_aws.get();
    let project_hint = move || t_string!(i18n, top_bar.log_in_for_project);
    let region_hint = move || t_string!(i18n, top_bar.log_in_for_region);
    let log_out = move |_| {
        if let Some(scope) = current.get_untracked() {
            sessions.log_out(&scope.cloud);
            accounts.sign_out(&scope);
        }
    };
    view! {
        <header class="top-bar">
            <A href="/" attr:class="brand">
                "nubo"
            </A>
            <label class="picker">
                <span>{t!(i18n, top_bar.cloud)}</span>
                <select name="cloud" on:change=change_cloud>{cloud_options}</select>
            </label>
            <label class="picker">
                <span>{move || if is_aws.get() { t_string!(i18n, top_bar.account) } else { t_string!(i18n, login.project) }}</span>
                <select
                    name="project"
                    class="account-picker"
                    disabled=move || !second_picker()
                    title=move || match aws() {
                        Some(a) => Some(t_string!(i18n, top_bar.access_key, id = a.key_id()).to_string()),
                        None => (!logged_in() && !is_aws.get()).then(|| project_hint().to_string()),
                    }
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        if let Some(mut scope) = current.get_untracked() && !value.is_empty() {
                            scope.tenant = Tenant::from_segment(&value);
                            go.with_value(|go| go(scope));
                        }
                    }
                >
                    <Show when=second_picker fallback=|| view! { <option>"—"</option> }>
                        {move || if is_aws.get() { account_options().into_any() } else { project_options().into_any() }}
                    </Show>
                </select>
            </label>
            <label class="picker">
                <span>{t!(i18n, top_bar.region)}</span>
                <select
                    name="region"
                    disabled=move || !logged_in()
                    title=move || (!logged_in()).then(region_hint)
                    on:change=move |ev| {
                        if let Some(mut scope) = current.get_untracked() {
                            scope.region = event_target_value(&ev);
                            go.with_value(|go| go(scope));
                        }
                    }
                >
                    <Show when=logged_in fallback=|| view! { <option>"—"</option> }>
                        {region_options}
                    </Show>
                </select>
            </label>
            <Show when=logged_in>
                // An AWS account is named in the Account picker; an OpenStack user here.
                <span class="who">{move || session().map(|s| s.user().name.clone())}</span>
                {move || {
                    aws()
                        .filter(SignedIn::is_temporary)
                        .map(|a| {
                            let text = match a.expires_at() {
                                Some(at) => t_string!(i18n, top_bar.temporary_until, at = pasted::shown(at)).to_string(),
                                None => t_string!(i18n, top_bar.temporary).to_string(),
                            };
                            view! { <span class="key-expiry">{text}</span> }
                        })
                }}
                <button type="button" class="secondary" on:click=log_out>
                    {t!(i18n, top_bar.log_out)}
                </button>
            </Show>
            <LanguagePicker />
        </header>
    }
}

/// A picker's options, each shown as its value; `chosen` is selected.
fn options(values: Vec<String>, chosen: &str) -> impl IntoView + use<> {
    values
        .into_iter()
        .map(|value| {
            let (selected, text) = (value == chosen, value.clone());
            view! { <option value=value selected=selected>{text}</option> }
        })
        .collect_view()
}
