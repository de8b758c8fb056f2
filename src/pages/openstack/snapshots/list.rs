//! Volumes → Snapshots: Cinder volume snapshots, paged by Cinder. Create Backup is guide 2's
//! form (the snapshot preselected, the container left empty, incremental only when a full
//! backup of the volume exists); Create Volume restores the snapshot to a new volume; Launch as
//! Instance boots a server from a new volume made from it; Edit renames it; Delete asks first.

use crate::kit::delete::{ConfirmDelete, in_session};
use crate::kit::live::names_by_id;
use crate::pages::openstack::backups::create::{BackupDialog, BackupSource};
use crate::pages::openstack::edit::{EditDialog, Editing};
use crate::pages::openstack::images::launch::{LaunchDialog, LaunchSource};
use crate::pages::openstack::snapshots::volume::VolumeDialog;
use crate::prelude::*;
use nubo_cloud::openstack::Session;
use nubo_cloud::openstack::cinder::Snapshot;

const AVAILABLE: &[&str] = &["available"];
const DELETE_ALLOWED: &[&str] = &["available", "error"];
const EDIT_ALLOWED: &[&str] = &["available", "error", "backing-up"];
const STATUSES: &[&str] = &["available", "creating", "error", "deleting", "backing-up"];

#[component]
pub fn VolumeSnapshotsPage(scope: StoredValue<Scope>) -> impl IntoView {
    let i18n = use_i18n();
    let paging = Paging::new(Api::Cinder, STATUSES);
    let snapshots = paged(scope, paging, |session: Session, query| async move {
        session.cinder().snapshots(&query).await
    });
    let volume_names = names_by_id(scope, Api::Cinder, |session: Session, query| async move {
        session.cinder().volumes(&query).await
    });
    let backup_of = RwSignal::new(None::<BackupSource>);
    let edit_of = RwSignal::new(None::<Editing>);
    let launch_of = RwSignal::new(None::<LaunchSource>);
    let volume_of = RwSignal::new(None::<Snapshot>);
    let delete_of = RwSignal::new(None::<Snapshot>);
    let table = Table::new(
        "volume-snapshots",
        vec![
            Column::new(
                |l| td_string!(l, common.name),
                move |s: &Snapshot| {
                    let href = scope.with_value(|sc| sc.detail_url(Panel::VolumeSnapshots, &s.id));
                    link(href, label(s))
                },
            )
            .row_header()
            .sorts_by("name"),
            Column::new(
                |l| td_string!(l, common.volume),
                move |s: &Snapshot| {
                    volume_names
                        .with(|names| names.get(&s.volume_id).cloned())
                        .unwrap_or_else(|| s.volume_id.clone())
                },
            ),
            Column::new(
                |l| td_string!(l, common.size),
                move |s: &Snapshot| t_string!(i18n, common.gib, size = s.size).to_string(),
            )
            .sorts_by("size"),
            columns::status().sorts_by("status"),
            columns::created(|s: &Snapshot| s.created_at.as_deref()).sorts_by("created_at"),
        ],
    )
    .actions(vec![
        RowAction::opens_as(
            |l| td_string!(l, snapshots.create_backup),
            Allowed::In(AVAILABLE),
            backup_of,
            BackupSource::snapshot,
        ),
        RowAction::opens(
            |l| td_string!(l, snapshots.create_volume),
            Allowed::In(AVAILABLE),
            volume_of,
        ),
        RowAction::opens_as(
            |l| td_string!(l, launch.as_instance),
            Allowed::In(AVAILABLE),
            launch_of,
            LaunchSource::volume_snapshot,
        )
        .more(),
        RowAction::opens_as(
            |l| td_string!(l, edit.action),
            Allowed::In(EDIT_ALLOWED),
            edit_of,
            Editing::snapshot,
        )
        .more(),
        RowAction::opens(
            |l| td_string!(l, common.delete),
            Allowed::In(DELETE_ALLOWED),
            delete_of,
        ),
    ]);
    let refetch = Callback::new(move |_| snapshots.refetch());
    view! {
        <ListView live=snapshots table empty=tr!(i18n, snapshots.none) paging />
        <BackupDialog scope source=backup_of />
        <EditDialog scope editing=edit_of on_done=refetch />
        <LaunchDialog scope source=launch_of />
        <VolumeDialog scope snapshot=volume_of />
        <ConfirmDelete
            target=delete_of
            title=tr!(i18n, snapshots.delete_title)
            name=Callback::new(|s: Snapshot| label(&s))
            command=Callback::new(|s: Snapshot| Cli::new("openstack volume snapshot delete").last(&s.id))
            delete=in_session(scope, |session: Session, s: Snapshot| async move { session.cinder().delete_snapshot(&s.id).await })
            on_done=refetch
        />
    }
}
