//! The dialog that renews an expired session in place: the page behind it stays as it was, and
//! the calls that met the expiry run again once the user has logged in.

use crate::components::dialog::Dialog;
use crate::prelude::*;
use crate::shell::login::LoginForm;
use crate::state::scope;
use nubo_cloud::openstack::Session;

#[component]
pub fn ReloginDialog() -> impl IntoView {
    let sessions = Sessions::expect();
    let config = ConfigState::expect();
    let i18n = use_i18n();
    let current = scope::scope();
    let open = Signal::derive(move || sessions.relogin().is_some());
    let title = crate::tr!(i18n, session.expired_title);
    let form = move || {
        let cloud_name = sessions.relogin()?;
        let cloud = config
            .0
            .get()
            .and_then(Result::ok)?
            .clouds
            .into_iter()
            .find(|c| c.name == cloud_name)?;
        let scope = current.get_untracked();
        let project = scope
            .as_ref()
            .and_then(|s| s.tenant.name().map(str::to_owned))
            .unwrap_or_default();
        let region = scope.and_then(|s| s.region().map(str::to_owned));
        let on_login = Callback::new(move |session: Session| sessions.set(&cloud_name, session));
        Some(view! {
            <p>{t!(i18n, session.expired_body)}</p>
            <LoginForm cloud project region on_login />
        })
    };
    view! {
        <Dialog title open on_close=Callback::new(move |_| sessions.cancel_relogin())>
            {form}
        </Dialog>
    }
}
