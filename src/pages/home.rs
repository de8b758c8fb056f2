//! The start page: the clouds this portal is configured for. Each name opens its cloud: the
//! login of one not open yet, the pages of one that is; each row says who is in it and where.

use crate::prelude::*;
use crate::state::config::{CloudConfig, CloudKind};
use crate::state::entry;
use leptos_router::components::A;

#[component]
pub fn Home() -> impl IntoView {
    let config = ConfigState::expect();
    let i18n = use_i18n();
    view! {
        <header class="page-header">
            <h1>{t!(i18n, home.title)}</h1>
            <p class="summary">{t!(i18n, home.summary)}</p>
        </header>
        {move || match config.clouds() {
            None => view! { <p class="loading">{t!(i18n, home.loading)}</p> }.into_any(),
            Some(Err(error)) => {
                view! {
                    <div class="panel panel-error" role="alert">
                        <h2>{t!(i18n, home.unreadable)}</h2>
                        <p>{move || error.describe(i18n.get_locale())}</p>
                    </div>
                }
                    .into_any()
            }
            Some(Ok(clouds)) if clouds.is_empty() => {
                view! {
                    <div class="panel">
                        <p>{t!(i18n, home.none)}</p>
                    </div>
                }
                    .into_any()
            }
            Some(Ok(clouds)) => view! { <CloudTable clouds /> }.into_any(),
        }}
    }
}

#[component]
fn CloudTable(clouds: Vec<CloudConfig>) -> impl IntoView {
    let (sessions, accounts) = (Sessions::expect(), Accounts::expect());
    let i18n = use_i18n();
    view! {
        <table class="data-table clouds">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, common.name)}</th>
                    <th scope="col">{t!(i18n, home.kind)}</th>
                    <th scope="col">{t!(i18n, home.endpoint)}</th>
                    <th scope="col">{t!(i18n, home.open)}</th>
                </tr>
            </thead>
            <tbody>
                {clouds
                    .into_iter()
                    .map(|cloud| {
                        let label = cloud.label().to_owned();
                        let panel = entry::first_panel(&cloud);
                        let name = cloud.name.clone();
                        let href = move || entry::scope(sessions, &name).url(panel);
                        let name = cloud.name.clone();
                        let where_ = move || {
                            let region = sessions.get(&name).map(|s| s.region().to_owned());
                            match (entry::who(sessions, accounts, &name), region) {
                                (Some(who), Some(region)) => format!("{who} · {region}"),
                                (Some(who), None) => who,
                                (None, _) => t_string!(i18n, home.not_open).to_owned(),
                            }
                        };
                        let (kind, endpoint) = match cloud.kind {
                            CloudKind::Openstack { auth_url, .. } => ("OpenStack", auth_url),
                            CloudKind::Aws { regions, endpoint_url } => {
                                let where_ = endpoint_url.unwrap_or_else(|| "AWS".to_owned());
                                ("AWS EC2", format!("{where_} · {}", regions.join(", ")))
                            }
                        };
                        view! {
                            <tr>
                                <th scope="row">
                                    <A href=href>{label}</A>
                                </th>
                                <td>
                                    <span class="badge">{kind}</span>
                                </td>
                                <td class="mono">{endpoint}</td>
                                <td>{where_}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
