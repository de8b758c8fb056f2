//! Volumes → Volumes: Cinder volumes, paged by Cinder, the servers they are attached to (one
//! Nova call names them all); Create Snapshot, Create Backup, Extend and Edit.

use crate::format::yes_no;
use crate::kit::live::names_by_id;
use crate::pages::openstack::backups::create::{BackupDialog, BackupSource};
use crate::pages::openstack::edit::{EditDialog, Editing};
use crate::pages::openstack::volumes::extend::{EXTEND_ALLOWED, ExtendDialog};
use crate::pages::openstack::volumes::snapshot::VolumeSnapshotDialog;
use crate::prelude::*;
use nubo_cloud::openstack::Session;
use nubo_cloud::openstack::cinder::Volume;

pub const SNAPSHOT_ALLOWED: &[&str] = &["available", "in-use"];
/// Cinder backs up an in-use volume when forced; the form offers force then.
const BACKUP_ALLOWED: &[&str] = &["available", "in-use"];
/// Cinder renames a volume in any state but these.
const EDIT_ALLOWED: &[&str] = &["available", "in-use", "error", "reserved", "maintenance"];
const STATUSES: &[&str] = &[
    "available",
    "in-use",
    "creating",
    "error",
    "deleting",
    "error_deleting",
];

#[component]
pub fn VolumesPage(scope: StoredValue<Scope>) -> impl IntoView {
    let i18n = use_i18n();
    let paging = Paging::new(Api::Cinder, STATUSES);
    let volumes = paged(scope, paging, |session: Session, query| async move {
        session.cinder().volumes(&query).await
    });
    let servers = names_by_id(scope, Api::Nova, |session: Session, query| async move {
        session.nova().servers(&query).await
    });
    let snapshot_of = RwSignal::new(None::<Volume>);
    let backup_of = RwSignal::new(None::<BackupSource>);
    let extend_of = RwSignal::new(None::<Volume>);
    let edit_of = RwSignal::new(None::<Editing>);
    let attached = move |volume: &Volume| {
        let names = servers.get();
        volume
            .attachments
            .iter()
            .map(|a| {
                let server = a.server_id.clone().unwrap_or_default();
                let name = names.get(&server).cloned().unwrap_or(server);
                match &a.device {
                    Some(device) => {
                        t_string!(i18n, volumes.attached_on, server = &name, device).to_string()
                    }
                    None => name,
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let table = Table::new(
        "volumes",
        vec![
            columns::name(scope, Panel::Volumes),
            Column::new(
                |l| td_string!(l, common.size),
                move |v: &Volume| t_string!(i18n, common.gib, size = v.size).to_string(),
            )
            .sorts_by("size"),
            columns::status().sorts_by("status"),
            Column::new(|l| td_string!(l, volumes.attached_to), attached),
            Column::new(
                |l| td_string!(l, common.kind),
                |v: &Volume| v.volume_type.clone().unwrap_or_default(),
            ),
            Column::new(
                |l| td_string!(l, volumes.bootable),
                move |v: &Volume| yes_no(i18n, v.bootable.as_deref() == Some("true")),
            ),
            columns::created(|v: &Volume| v.created_at.as_deref()).sorts_by("created_at"),
        ],
    )
    .actions(vec![
        RowAction::opens(
            |l| td_string!(l, instances.create_snapshot),
            Allowed::In(SNAPSHOT_ALLOWED),
            snapshot_of,
        ),
        RowAction::opens_as(
            |l| td_string!(l, snapshots.create_backup),
            Allowed::In(BACKUP_ALLOWED),
            backup_of,
            BackupSource::volume,
        ),
        RowAction::opens(
            |l| td_string!(l, extend.action),
            Allowed::In(EXTEND_ALLOWED),
            extend_of,
        )
        .more(),
        RowAction::opens_as(
            |l| td_string!(l, edit.action),
            Allowed::In(EDIT_ALLOWED),
            edit_of,
            Editing::volume,
        )
        .more(),
    ]);
    let refetch = Callback::new(move |_| volumes.refetch());
    view! {
        <ListView live=volumes table empty=tr!(i18n, volumes.none) paging />
        <VolumeSnapshotDialog scope volume=snapshot_of on_done=refetch />
        <BackupDialog scope source=backup_of />
        <ExtendDialog scope volume=extend_of on_done=refetch />
        <EditDialog scope editing=edit_of on_done=refetch />
    }
}
