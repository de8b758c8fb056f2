//! The root component: app state, routes and the console frame.

use leptos::prelude::*;
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path,
};

use crate::{
    i18n::{I18nContextProvider, use_i18n},
    pages::{
        home::Home, not_found::NotFound, panels::PanelPage, resource::ResourcePage,
        scoped::ScopeGate,
    },
    shell::{frame::Shell, language, notifications::Notifications},
    state::{config::ConfigState, session::Sessions},
};

#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Console />
        </I18nContextProvider>
    }
}

#[component]
fn Console() -> impl IntoView {
    language::restore(use_i18n());
    let i18n = use_i18n();
    let notifications = Notifications::provide();
    let config = ConfigState::provide();
    Sessions::provide();
    crate::state::accounts::Accounts::provide();
    Effect::new(move |_| {
        if let Some(Err(error)) = config.0.get() {
            notifications.error(
                crate::i18n::t_string!(i18n, home.configuration),
                error.describe(i18n.get_locale_untracked()),
            );
        }
    });
    view! {
        <Router>
            <Shell>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/:section/:page") view=ResourcePage />
                    // The gate signs in to the scope once; its panels come and go in its outlet.
                    <ParentRoute path=path!("/:cloud/:tenant/:region") view=ScopeGate>
                        <Route path=path!("/:section/:page") view=PanelPage />
                        <Route path=path!("/:section/:page/:id") view=PanelPage />
                    </ParentRoute>
                </Routes>
            </Shell>
        </Router>
    }
}
