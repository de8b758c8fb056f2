//! The top bar: where the user sees, and will change, which cloud, project and region they are in.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::config::ConfigState;

#[component]
pub fn TopBar() -> impl IntoView {
    let config = ConfigState::expect();
    // Project and region come from Keystone's catalog (or DescribeRegions) after login, which is
    // not built yet; until then the pickers say so instead of pretending.
    let cloud_options = move || match config.clouds() {
        None => view! { <option value="">"Loading…"</option> }.into_any(),
        Some(Err(_)) => view! { <option value="">"No configuration"</option> }.into_any(),
        Some(Ok(clouds)) if clouds.is_empty() => {
            view! { <option value="">"No clouds configured"</option> }.into_any()
        }
        Some(Ok(clouds)) => clouds
            .into_iter()
            .map(|cloud| {
                let text = format!("{} ({})", cloud.label(), cloud.kind.as_str());
                view! { <option value=cloud.name>{text}</option> }
            })
            .collect_view()
            .into_any(),
    };
    view! {
        <header class="top-bar">
            <A href="/" attr:class="brand">
                "nubo"
            </A>
            <label class="picker">
                <span>"Cloud"</span>
                <select name="cloud">{cloud_options}</select>
            </label>
            <PendingPicker label="Project" name="project" />
            <PendingPicker label="Region" name="region" />
        </header>
    }
}

/// A picker whose choices only exist after login.
#[component]
fn PendingPicker(label: &'static str, name: &'static str) -> impl IntoView {
    let hint = format!("Log in to choose a {}", label.to_lowercase());
    view! {
        <label class="picker">
            <span>{label}</span>
            <select name=name disabled title=hint>
                <option>"—"</option>
            </select>
        </label>
    }
}
