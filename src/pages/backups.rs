//! Volumes → Backups: Cinder backups followed live (creating → available; an error shows Cinder's
//! reason). Restore to a new volume or over an existing one (after a warning); Delete asks first.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos_router::components::A;
use nubo_cloud::openstack::{
    Query, Session,
    cinder::{Backup, RestoreTarget, Volume},
};

use crate::{
    components::{
        cli::{CliEquivalent, shell_word},
        dialog::Dialog,
        notifications::{Level, Notifications},
        status::StatusBadge,
    },
    format::short_time,
    pages::{
        list::{self, ActionButton, DeleteOne, FormActions, FormError, TextField, refusal},
        volumes::volume_name,
    },
    scope::Scope,
    session::Sessions,
};

pub fn backup_name(backup: &Backup) -> String {
    backup
        .name
        .clone()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| backup.id.clone())
}

#[component]
pub fn BackupsPage(scope: Scope) -> impl IntoView {
    let sessions = Sessions::expect();
    let scope = StoredValue::new(scope);
    let backups = list::live(
        scope,
        || (),
        |session: Session, ()| async move {
            session
                .cinder()
                .backups(&Query::new().limit(1000))
                .await
                .map(|p| p.items)
        },
    );
    let volumes = LocalResource::new(move || {
        let scope = scope.get_value();
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
    let restore_of = RwSignal::new(None::<Backup>);
    let delete_of = RwSignal::new(None::<Backup>);
    let table = move |rows: Vec<Backup>| {
        let names: HashMap<String, String> = volumes
            .get()
            .unwrap_or_default()
            .iter()
            .map(|v| (v.id.clone(), volume_name(v)))
            .collect();
        view! {
            <table class="data-table backups">
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Volume"</th>
                        <th scope="col">"Snapshot"</th>
                        <th scope="col">"Size"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Incremental"</th>
                        <th scope="col">"Created"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|backup| {
                            let volume = backup.volume_id.as_ref().map(|id| names.get(id).cloned().unwrap_or_else(|| id.clone())).unwrap_or_default();
                            let restorable = refusal(&backup.status, &["available"]);
                            let deletable = refusal(&backup.status, &["available", "error"]);
                            let (a, b) = (backup.clone(), backup.clone());
                            let reason = (backup.status == "error").then(|| backup.fail_reason.clone()).flatten();
                            let href = scope.get_value().url(&format!("/volumes/backups/{}", backup.id));
                            let label = backup_name(&backup);
                            view! {
                                <tr data-id=backup.id.clone()>
                                    <th scope="row"><A href=href>{label}</A></th>
                                    <td>{volume}</td>
                                    <td class="mono">{backup.snapshot_id.clone().unwrap_or_default()}</td>
                                    <td>{backup.size.map(|s| format!("{s} GiB")).unwrap_or_default()}</td>
                                    <td>
                                        <StatusBadge status=backup.status.clone() />
                                        {reason.map(|r| view! { <p class="fail-reason">{r}</p> })}
                                    </td>
                                    <td>{if backup.is_incremental == Some(true) { "Yes" } else { "No" }}</td>
                                    <td>{short_time(backup.created_at.as_deref())}</td>
                                    <td class="row-actions">
                                        <ActionButton label="Restore" refusal=restorable on_click=Callback::new(move |_| restore_of.set(Some(a.clone()))) />
                                        <ActionButton label="Delete" refusal=deletable on_click=Callback::new(move |_| delete_of.set(Some(b.clone()))) />
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    };
    let refetch = Callback::new(move |_| backups.refetch());
    let volume_list = Signal::derive(move || volumes.get().unwrap_or_default());
    view! {
        <div class="toolbar">
            <button type="button" class="secondary" on:click=move |_| backups.refetch()>"Refresh"</button>
        </div>
        {list::render(backups, "No backups in this project.", table)}
        <RestoreDialog scope=scope.get_value() backup=restore_of volumes=volume_list on_done=refetch />
        <DeleteOne
            scope=scope.get_value()
            target=delete_of
            title="Delete Backup"
            name=backup_name
            command=|b: &Backup| format!("openstack volume backup delete {}", shell_word(&b.id))
            delete=|session: Session, b: Backup| async move { session.cinder().delete_backup(&b.id).await }
            on_close=Callback::new(move |_| delete_of.set(None))
            on_done=refetch
        />
    }
}

#[component]
fn RestoreDialog(
    scope: Scope,
    backup: RwSignal<Option<Backup>>,
    volumes: Signal<Vec<Volume>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let notifications = Notifications::expect();
    let to_new = RwSignal::new(true);
    let name = RwSignal::new(String::new());
    let existing = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let scope = StoredValue::new(scope);
    Effect::new(move |_| {
        if let Some(b) = backup.get() {
            name.set(format!("{}-restored", backup_name(&b)));
            existing.set(String::new());
            to_new.set(true);
            error.set(None);
        }
    });
    // Cinder restores only onto an available volume at least as large as the backup.
    let targets = move || {
        let min = backup.get().and_then(|b| b.size).unwrap_or(0);
        volumes
            .get()
            .into_iter()
            .filter(|v| v.status == "available" && v.size >= min)
            .collect::<Vec<_>>()
    };
    let command = Signal::derive(move || {
        let Some(b) = backup.get() else {
            return String::new();
        };
        let target = if to_new.get() {
            name.get()
        } else {
            existing.get()
        };
        format!(
            "openstack volume backup restore {} {}",
            shell_word(&b.id),
            shell_word(&target)
        )
    });
    let close = Callback::new(move |_| {
        if !busy.get_untracked() {
            backup.set(None);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(b) = backup.get_untracked() else {
            return;
        };
        let target = if to_new.get_untracked() {
            RestoreTarget::NewVolume {
                name: name.get_untracked().trim().to_owned(),
            }
        } else {
            let volume_id = existing.get_untracked();
            if volume_id.is_empty() {
                error.set(Some("Choose the volume to overwrite.".into()));
                return;
            }
            RestoreTarget::Existing { volume_id }
        };
        let id = b.id.clone();
        list::submit(
            scope.get_value(),
            busy,
            error,
            move |session: Session| {
                let (id, target) = (id.clone(), target.clone());
                async move { session.cinder().restore_backup(&id, &target).await }
            },
            move |restore| {
                backup.set(None);
                notifications.push(
                    Level::Success,
                    format!("Restoring {}", backup_name(&b)),
                    Some(format!(
                        "Into volume {}",
                        restore.volume_name.unwrap_or(restore.volume_id)
                    )),
                );
                on_done.run(());
            },
        );
    };
    let title = Signal::derive(move || {
        backup
            .get()
            .map(|b| format!("Restore {}", backup_name(&b)))
            .unwrap_or_default()
    });
    let open = Signal::derive(move || backup.get().is_some());
    view! {
        <Dialog title open on_close=close>
            <form class="form" on:submit=submit>
                <fieldset class="choices">
                    <legend>"Restore to"</legend>
                    <label>
                        <input type="radio" name="target" checked=move || to_new.get() on:change=move |_| to_new.set(true) />
                        "A new volume"
                    </label>
                    <label>
                        <input type="radio" name="target" checked=move || !to_new.get() on:change=move |_| to_new.set(false) />
                        "An existing volume"
                    </label>
                </fieldset>
                <Show
                    when=move || to_new.get()
                    fallback=move || view! {
                        <label class="field">
                            <span>"Volume to overwrite"</span>
                            <select name="existing-volume" on:change=move |ev| existing.set(event_target_value(&ev))>
                                <option value="">"Choose an available volume"</option>
                                {move || targets().into_iter().map(|v| {
                                    let label = format!("{} ({} GiB)", volume_name(&v), v.size);
                                    view! { <option value=v.id.clone()>{label}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        <p class="form-warning" role="note">
                            "Everything on the chosen volume is replaced by the backup's data."
                        </p>
                    }
                >
                    <TextField label="New volume name" name="volume-name" value=name required=true />
                </Show>
                <CliEquivalent command />
                <FormError error />
                <FormActions label="Restore" busy_label="Restoring…" busy on_cancel=close />
            </form>
        </Dialog>
    }
}
