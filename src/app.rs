//! The root component: app state, routes and the console frame.

use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::{
    components::{notifications::Notifications, shell::Shell},
    config::ConfigState,
    pages::{home::Home, not_found::NotFound, resource::ResourcePage, scoped::ScopedPage},
    session::Sessions,
};

#[component]
pub fn App() -> impl IntoView {
    let notifications = Notifications::provide();
    let config = ConfigState::provide();
    Sessions::provide();
    Effect::new(move |_| {
        if let Some(Err(error)) = config.0.get() {
            notifications.error("Configuration", error.to_string());
        }
    });
    view! {
        <Router>
            <Shell>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/:section/:page") view=ResourcePage />
                    <Route path=path!("/:cloud/:project/:region/:section/:page") view=ScopedPage />
                    <Route path=path!("/:cloud/:project/:region/:section/:page/:id") view=ScopedPage />
                </Routes>
            </Shell>
        </Router>
    }
}
