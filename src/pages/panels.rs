//! Which component shows each panel, one exhaustive match: a new `Panel` does not compile until
//! it has a page here. Rendered by the router inside a scope's gate (`<Outlet/>`), once the gate
//! has a session or an account for the scope.

use crate::pages::ec2::amis::list::Ec2AmisPage;
use crate::pages::ec2::detail::Ec2DetailPage;
use crate::pages::ec2::instances::list::Ec2InstancesPage;
use crate::pages::ec2::schedules::list::Ec2SchedulesPage;
use crate::pages::ec2::snapshots::list::Ec2SnapshotsPage;
use crate::pages::ec2::volumes::list::Ec2VolumesPage;
use crate::pages::not_found::NotFound;
use crate::pages::openstack::backups::list::BackupsPage;
use crate::pages::openstack::detail::DetailPage;
use crate::pages::openstack::images::list::ImagesPage;
use crate::pages::openstack::instances::list::InstancesPage;
use crate::pages::openstack::snapshots::list::VolumeSnapshotsPage;
use crate::pages::openstack::volumes::list::VolumesPage;
use crate::prelude::*;
use crate::state::scope::{self, Route};

/// The scope a gate let through, for the panel rendered in its outlet.
#[derive(Clone)]
pub struct Admitted(pub Scope);

#[component]
pub fn PanelPage() -> impl IntoView {
    let route = scope::current();
    // The page changes with the panel or the resource; a change of scope re-creates the gate,
    // and this with it.
    let page = Memo::new(move |_| {
        route.with(|r| match r {
            Route::Scoped { panel, id, .. } => Some((*panel, id.clone())),
            _ => None,
        })
    });
    let admitted = use_context::<Admitted>();
    move || match (admitted.clone(), page.get()) {
        (Some(Admitted(scope)), Some((panel, id))) => show(scope, panel, id),
        _ => view! { <NotFound /> }.into_any(),
    }
}

fn show(scope: Scope, panel: Panel, id: Option<String>) -> AnyView {
    let scope = StoredValue::new(scope);
    match (panel, id) {
        (Panel::Schedules, Some(_)) => view! { <NotFound /> }.into_any(),
        (panel, Some(id)) if panel.is_ec2() => {
            view! { <Ec2DetailPage scope=scope.get_value() panel id /> }.into_any()
        }
        (panel, Some(id)) => view! { <DetailPage scope=scope.get_value() panel id /> }.into_any(),
        (Panel::Instances, None) => view! { <InstancesPage scope /> }.into_any(),
        (Panel::Images, None) => view! { <ImagesPage scope /> }.into_any(),
        (Panel::Volumes, None) => view! { <VolumesPage scope /> }.into_any(),
        (Panel::VolumeSnapshots, None) => view! { <VolumeSnapshotsPage scope /> }.into_any(),
        (Panel::Backups, None) => view! { <BackupsPage scope /> }.into_any(),
        (Panel::Ec2Instances, None) => view! { <Ec2InstancesPage scope /> }.into_any(),
        (Panel::Ec2Volumes, None) => view! { <Ec2VolumesPage scope /> }.into_any(),
        (Panel::Ec2Snapshots, None) => view! { <Ec2SnapshotsPage scope /> }.into_any(),
        (Panel::Amis, None) => view! { <Ec2AmisPage scope /> }.into_any(),
        (Panel::Schedules, None) => view! { <Ec2SchedulesPage scope /> }.into_any(),
    }
}
