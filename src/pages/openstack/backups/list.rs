//! Volumes → Backups: Cinder backups, paged by Cinder and followed live (creating → available;
//! an error shows Cinder's reason). Restore to a new volume or over an existing one (after a
//! warning); Edit renames it; Delete asks first.

use crate::components::status::StatusBadge;
use crate::format::yes_no;
use crate::kit::delete::ConfirmDelete;
use crate::pages::openstack::backups::restore::RestoreDialog;
use crate::pages::openstack::edit::{EditDialog, Editing};
use crate::prelude::*;
use nubo_cloud::openstack::cinder::Backup;
use nubo_cloud::openstack::{Query, Session};
use std::collections::HashMap;

const RESTORE_ALLOWED: &[&str] = &["available"];
const DELETE_ALLOWED: &[&str] = &["available", "error"];
const EDIT_ALLOWED: &[&str] = &["available", "error"];
const STATUSES: &[&str] = &["available", "creating", "restoring", "error", "deleting"];

#[component]
pub fn BackupsPage(scope: StoredValue<Scope>) -> impl IntoView {
    let sessions = Sessions::expect();
    let i18n = use_i18n();
    let paging = Paging::new(Api::Cinder, STATUSES);
    let backups = paged(scope, paging, |session: Session, query| async move {
        session.cinder().backups(&query).await
    });
    // Captured now: the fetcher may run again after the page is left (a refetch
    // just before navigating away), when the page's stored values are gone.
    let fetch_scope = scope.get_value();
    let volumes = LocalResource::new(move || {
        let scope = fetch_scope.clone();
        async move {
            sessions
                .run(&scope, |session: Session| async move {
                    session.cinder().volumes(&Query::new().limit(1000)).await
                })
                .await
                .map(|page| page.items)
                .unwrap_or_default()
        }
    });
    let names = Memo::new(move |_| {
        volumes
            .get()
            .unwrap_or_default()
            .iter()
            .map(|v| (v.id.clone(), label(v)))
            .collect::<HashMap<_, _>>()
    });
    let restore_of = RwSignal::new(None::<Backup>);
    let delete_of = RwSignal::new(None::<Backup>);
    let edit_of = RwSignal::new(None::<Editing>);
    let table = Table::new(
        "backups",
        vec![
            columns::name(scope, Panel::Backups),
            Column::new(
                |l| td_string!(l, common.volume),
                move |b: &Backup| {
                    b.volume_id
                        .as_ref()
                        .map(|id| {
                            names
                                .with(|n| n.get(id).cloned())
                                .unwrap_or_else(|| id.clone())
                        })
                        .unwrap_or_default()
                },
            ),
            Column::new(
                |l| td_string!(l, common.snapshot),
                |b: &Backup| b.snapshot_id.clone().unwrap_or_default(),
            )
            .mono(),
            Column::new(
                |l| td_string!(l, common.size),
                move |b: &Backup| {
                    b.size
                        .map(|size| t_string!(i18n, common.gib, size).to_string())
                        .unwrap_or_default()
                },
            )
            .sorts_by("size"),
            Column::new(
                |l| td_string!(l, common.status),
                |b: &Backup| {
                    let reason = (b.status == "error")
                        .then(|| b.fail_reason.clone())
                        .flatten();
                    view! {
                        <StatusBadge status=b.status.clone() />
                        {reason.map(|r| view! { <p class="fail-reason">{r}</p> })}
                    }
                },
            )
            .sorts_by("status"),
            Column::new(
                |l| td_string!(l, backups.incremental),
                move |b: &Backup| yes_no(i18n, b.is_incremental == Some(true)),
            ),
            columns::created(|b: &Backup| b.created_at.as_deref()).sorts_by("created_at"),
        ],
    )
    .actions(vec![
        RowAction::opens(
            |l| td_string!(l, backups.restore),
            Allowed::In(RESTORE_ALLOWED),
            restore_of,
        ),
        RowAction::opens_as(
            |l| td_string!(l, edit.action),
            Allowed::In(EDIT_ALLOWED),
            edit_of,
            Editing::backup,
        )
        .more(),
        RowAction::opens(
            |l| td_string!(l, common.delete),
            Allowed::In(DELETE_ALLOWED),
            delete_of,
        ),
    ]);
    let refetch = Callback::new(move |_| backups.refetch());
    let volume_list = Signal::derive(move || volumes.get().unwrap_or_default());
    view! {
        <ListView live=backups table empty=tr!(i18n, backups.none) paging />
        <RestoreDialog scope backup=restore_of volumes=volume_list on_done=refetch />
        <EditDialog scope editing=edit_of on_done=refetch />
        <ConfirmDelete
            target=delete_of
            title=tr!(i18n, backups.delete_title)
            name=Callback::new(|b: Backup| label(&b))
            command=Callback::new(|b: Backup| Cli::new("openstack volume backup delete").last(&b.id))
            delete=move |b: Backup| delete_backup(sessions, scope.get_value(), b)
            on_done=refetch
        />
    }
}

/// Deletes a backup. Cinder refuses a backup that incremental backups depend on; its refusal is
/// then led by which backups block it (the volume's incremental backups made after it), so the
/// user knows what to delete first.
fn delete_backup(
    sessions: Sessions,
    scope: Scope,
    backup: Backup,
) -> std::pin::Pin<Box<dyn Future<Output = Result<(), Failure>>>> {
    Box::pin(async move {
        let id = backup.id.clone();
        let refused = match sessions
            .run(&scope, |session: Session| {
                let id = id.clone();
                async move { session.cinder().delete_backup(&id).await }
            })
            .await
        {
            Ok(()) => return Ok(()),
            Err(error) if backup.has_dependent_backups == Some(true) => error,
            Err(error) => return Err(Failure::Cloud(error)),
        };
        let volume = backup.volume_id.clone().unwrap_or_default();
        let others = sessions
            .run(&scope, |session: Session| {
                let volume = volume.clone();
                async move {
                    let query = Query::new().filter("volume_id", volume).limit(1000);
                    session.cinder().backups(&query).await
                }
            })
            .await
            .map(|page| page.items)
            .unwrap_or_default();
        let after = backup.created_at.clone().unwrap_or_default();
        let names = others
            .iter()
            .filter(|b| b.id != backup.id && b.is_incremental == Some(true))
            .filter(|b| b.created_at.as_deref().unwrap_or_default() > after.as_str())
            .map(label)
            .collect::<Vec<_>>()
            .join(", ");
        Err(Failure::led_worded(
            move |l| td_string!(l, backups.blocked_by, names = &names).to_string(),
            refused,
        ))
    })
}
