//! The console's frame: top bar, side navigation, the page, and notifications.

use leptos::prelude::*;

use super::{
    expiry::ExpiryWatch, notifications::NotificationArea, relogin::ReloginDialog,
    side_nav::SideNav, top_bar::TopBar,
};

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
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
