//! A panel's page with no scope yet (`/compute/instances`): its header, and that a cloud is
//! to be chosen first.

use crate::pages::not_found::NotFound;
use crate::prelude::*;
use crate::shell::nav::PanelHeader;
use crate::state::scope;

#[component]
pub fn ResourcePage() -> impl IntoView {
    let route = scope::current();
    let i18n = use_i18n();
    move || match route.with(|r| r.panel()) {
        Some(panel) => view! {
            <PanelHeader panel />
            <div class="panel">
                <p>{t!(i18n, scoped.not_built)}</p>
            </div>
        }
        .into_any(),
        None => view! { <NotFound /> }.into_any(),
    }
}
