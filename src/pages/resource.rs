//! The frame of a resource page, found through the `nav` table. The resource pages themselves
//! (lists, row actions, forms, detail) are not built yet; until they are, each route says so.

use crate::pages::not_found::NotFound;
use crate::prelude::*;
use crate::shell::nav;
use leptos_router::hooks::use_location;

#[component]
pub fn ResourcePage() -> impl IntoView {
    let path = use_location().pathname;
    let i18n = use_i18n();
    move || match nav::find(&path.get()) {
        Some((section, page)) => view! {
            <header class="page-header">
                <p class="breadcrumb">{move || (section.title)(i18n.get_locale())}</p>
                <h1>{move || (page.label)(i18n.get_locale())}</h1>
                <p class="summary">{move || (page.summary)(i18n.get_locale())}</p>
            </header>
            <div class="panel">
                <p>{t!(i18n, scoped.not_built)}</p>
            </div>
        }
        .into_any(),
        None => view! { <NotFound /> }.into_any(),
    }
}
