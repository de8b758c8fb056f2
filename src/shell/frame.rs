//! The console's frame: top bar, side navigation, the page, and notifications.

use crate::prelude::*;
use crate::shell::expiry::ExpiryWatch;
use crate::shell::notifications::NotificationArea;
use crate::shell::relogin::ReloginDialog;
use crate::shell::side_nav::SideNav;
use crate::shell::top_bar::TopBar;

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
