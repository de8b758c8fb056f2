//! The start page: the clouds this portal is configured for.

use leptos::prelude::*;

use crate::config::{CloudConfig, CloudKind, ConfigState};

#[component]
pub fn Home() -> impl IntoView {
    let config = ConfigState::expect();
    view! {
        <header class="page-header">
            <h1>"Clouds"</h1>
            <p class="summary">"The OpenStack clouds and AWS accounts this portal can reach."</p>
        </header>
        {move || match config.clouds() {
            None => view! { <p class="loading">"Loading configuration…"</p> }.into_any(),
            Some(Err(error)) => {
                view! {
                    <div class="panel panel-error" role="alert">
                        <h2>"The portal's configuration could not be read"</h2>
                        <p>{error.to_string()}</p>
                    </div>
                }
                    .into_any()
            }
            Some(Ok(clouds)) if clouds.is_empty() => {
                view! {
                    <div class="panel">
                        <p>
                            "No clouds are configured. Add them to the proxy's configuration file; README.md shows how."
                        </p>
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
    view! {
        <table class="data-table clouds">
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Kind"</th>
                    <th scope="col">"Endpoint"</th>
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
