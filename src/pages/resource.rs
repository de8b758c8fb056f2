//! The frame of a resource page, found through the `nav` table. The resource pages themselves
//! (lists, row actions, forms, detail) are not built yet; until they are, each route says so.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::{nav, pages::not_found::NotFound};

#[component]
pub fn ResourcePage() -> impl IntoView {
    let path = use_location().pathname;
    move || match nav::find(&path.get()) {
        Some((section, page)) => view! {
            <header class="page-header">
                <p class="breadcrumb">{section}</p>
                <h1>{page.label}</h1>
                <p class="summary">{page.summary}</p>
            </header>
            <div class="panel">
                <p>"This page is not built yet."</p>
            </div>
        }
        .into_any(),
        None => view! { <NotFound /> }.into_any(),
    }
}
