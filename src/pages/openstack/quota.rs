//! Cinder's quota as the create forms show it: the limits, asked once when a form opens, and
//! the line a form shows for a new volume, with whether it would exceed them.

use crate::format::usage;
use crate::prelude::*;
use crate::text::I18n;
use nubo_cloud::openstack::limits::Limits;

/// The project's Cinder limits; `None` until they come, and when they cannot be read.
pub fn cinder_limits(scope: StoredValue<Scope>) -> LocalResource<Option<Limits>> {
    let sessions = Sessions::expect();
    LocalResource::new(move || {
        let scope = scope.get_value();
        async move {
            sessions
                .in_scope(&scope)?
                .ok()?
                .cinder()
                .limits()
                .await
                .ok()
        }
    })
}

/// "Volumes: 3 of 10 used · Gigabytes: 5 of 1000 used", and whether one more volume of
/// `wanted` GiB would exceed either.
pub fn new_volume(i18n: I18n, limits: &Limits, wanted: i64) -> Option<(String, bool)> {
    let volumes = limits.usage("Volumes")?;
    let gigabytes = limits.pair("totalGigabytesUsed", "maxTotalVolumeGigabytes")?;
    let full = volumes.1.is_some_and(|l| volumes.0 >= l)
        || gigabytes.1.is_some_and(|l| gigabytes.0 + wanted > l);
    let locale = i18n.get_locale();
    let line = t_string!(
        i18n,
        quota.volumes,
        volumes = usage(locale, volumes.0, volumes.1),
        gigabytes = usage(locale, gigabytes.0, gigabytes.1)
    );
    Some((line.to_string(), full))
}
