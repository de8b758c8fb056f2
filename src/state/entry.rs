//! Where a cloud opens, and who is in it: the top bar's Cloud picker and the home page's list
//! say the same.

use nubo_cloud::openstack::Session;

use crate::state::{
    accounts::Accounts,
    config::{CloudConfig, CloudKind},
    scope::{Panel, Scope, Tenant},
    session::Sessions,
};

/// The scope a cloud opens in: its session's project and region when it is open, else the
/// cloud alone (its page then asks to log in or sign in).
pub fn scope(sessions: Sessions, cloud: &str) -> Scope {
    match sessions.get(cloud) {
        Some(session) => of_session(cloud, &session),
        None => Scope::of_cloud(cloud),
    }
}

/// Where `session` of `cloud` stands: its project and its region.
pub fn of_session(cloud: &str, session: &Session) -> Scope {
    Scope {
        cloud: cloud.to_owned(),
        tenant: session
            .project()
            .map_or(Tenant::Unchosen, |p| Tenant::Named(p.name.clone())),
        region: session.region().to_owned(),
    }
}

/// The page a cloud opens on: its instances.
pub fn first_panel(cloud: &CloudConfig) -> Panel {
    match cloud.kind {
        CloudKind::Openstack { .. } => Panel::Instances,
        CloudKind::Aws { .. } => Panel::Ec2Instances,
    }
}

/// Who is in the cloud: `user @ project` of its session, or the AWS accounts signed in.
pub fn who(sessions: Sessions, accounts: Accounts, cloud: &str) -> Option<String> {
    sessions
        .get(cloud)
        .map(|s| {
            let project = s.project().map(|p| p.name.clone()).unwrap_or_default();
            format!("{} @ {project}", s.user().name)
        })
        .or_else(|| {
            let open = accounts.of_cloud(cloud);
            let names = open.iter().map(|a| a.who()).collect::<Vec<_>>();
            (!names.is_empty()).then(|| names.join(", "))
        })
}
