//! The start page: the clouds this portal is configured for.

use crate::prelude::*;
use crate::state::config::{CloudConfig, CloudKind};

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
    let i18n = use_i18n();
    view! {
        <table class="data-table clouds">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, common.name)}</th>
                    <th scope="col">{t!(i18n, home.kind)}</th>
                    <th scope="col">{t!(i18n, home.endpoint)}</th>
                </tr>
            </thead>
            <tbody>
                {clouds
                    .into_iter()
                    .map(|cloud| {
                        let label = cloud.label().to_owned();
                        let (kind, endpoint) = match cloud.kind {
                            CloudKind::Openstack { auth_url, .. } => ("OpenStack", auth_url),
                            CloudKind::Aws { regions, endpoint_url } => {
                                let where_ = endpoint_url.unwrap_or_else(|| "AWS".to_owned());
                                ("AWS EC2", format!("{where_} · {}", regions.join(", ")))
                            }
                        };
                        view! {
                            <tr>
                                <td>{label}</td>
                                <td>
                                    <span class="badge">{kind}</span>
                                </td>
                                <td class="mono">{endpoint}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
