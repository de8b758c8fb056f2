//! Warns before a session's token or an AWS account's temporary keys expire, so nobody is
//! surprised in the middle of a form. (When an OpenStack token has expired, the next call opens
//! the re-login dialog; see `session`. Expired AWS keys send nothing and say so.)

use crate::prelude::*;
use std::collections::HashSet;
use std::time::Duration;
use time::OffsetDateTime;

const WARN_BEFORE: time::Duration = time::Duration::minutes(5);
const CHECK_EVERY: Duration = Duration::from_secs(30);

#[component]
pub fn ExpiryWatch() -> impl IntoView {
    let sessions = Sessions::expect();
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    // (cloud, expiry) already warned about: once per token.
    let warned = StoredValue::new(HashSet::<(String, i64)>::new());
    let check = move || {
        let now = OffsetDateTime::now_utc();
        let openstack = sessions
            .all_untracked()
            .into_iter()
            .map(|(cloud, session)| (cloud, session.expires_at(), false));
        let aws = accounts
            .all_untracked()
            .into_iter()
            .filter_map(|(cloud, a)| {
                Some((format!("{cloud} ({})", a.who()), a.expires_at()?, true))
            });
        for (cloud, expires, is_aws) in openstack.chain(aws) {
            let key = (cloud.clone(), expires.unix_timestamp());
            if expires > now
                && expires - now <= WARN_BEFORE
                && !warned.with_value(|w| w.contains(&key))
            {
                warned.update_value(|w| {
                    w.insert(key);
                });
                let minutes = (expires - now).whole_minutes().max(1);
                notifications.push(
                    Level::Warning,
                    tu_string!(i18n, session.expires_soon, cloud = &cloud, minutes),
                    Some(if is_aws {
                        tu_string!(i18n, session.keys_expire_detail).to_owned()
                    } else {
                        tu_string!(i18n, session.expires_soon_detail).to_owned()
                    }),
                );
            }
        }
    };
    if let Ok(handle) = set_interval_with_handle(check, CHECK_EVERY) {
        on_cleanup(move || handle.clear());
    }
}
