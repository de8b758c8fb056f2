//! The console's frame: top bar, side navigation, the page, and notifications.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

use crate::shell::{
    expiry::ExpiryWatch, notifications::NotificationArea, relogin::ReloginDialog,
    side_nav::SideNav, top_bar::TopBar,
};

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">{t!(i18n, shell.skip)}</a>
        <div class="shell">
            <TopBar />
            <SideNav />
            <main id="main" class="main" tabindex="-1">
                {children()}
            </main>
        </div>
        <NotificationArea />
        <ReloginDialog />
        <ExpiryWatch />
    }
}
