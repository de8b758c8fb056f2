//! Volumes → Snapshots: Cinder volume snapshots. Create Backup is guide 2's form (the snapshot
//! preselected, the container left empty, incremental only when a full backup of the volume
//! exists); Create Volume restores the snapshot to a new volume; Delete asks first.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use nubo_cloud::openstack::{
    Query, Session,
    cinder::{Backup, NewBackup, Snapshot, VolumeFromSnapshot},
};

use crate::{
    components::{
        cli::{CliEquivalent, last_word, option, shell_word},
        dialog::Dialog,
        status::StatusBadge,
    },
    format::{short_time, usage},
    i18n::{t, t_string, tu_string, use_i18n},
    kit::list::{self, ActionButton, DeleteOne, FormActions, FormError, TextField, label, refusal},
    shell::notifications::{Level, Notifications},
    state::{scope::Scope, session::Sessions},
    tr,
};

const AVAILABLE: &[&str] = &["available"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Backup,
    Volume,
    Delete,
}

#[component]
pub fn VolumeSnapshotsPage(scope: Scope) -> impl IntoView {
    let i18n = use_i18n();
    let scope = StoredValue::new(scope);
    let snapshots = list::live(
        scope,
        || (),
        |session: Session, ()| async move {
            session
                .cinder()
                .snapshots(&Query::new().limit(1000))
                .await
                .map(|p| p.items)
        },
    );
    let volume_names = list::names_by_id(scope, |session: Session| async move {
        session.cinder().volumes(&Query::new().limit(1000)).await
    });
    let chosen = RwSignal::new(None::<(Form, Snapshot)>);
    let table = move |rows: Vec<Snapshot>| {
        let names = volume_names.get().unwrap_or_default();
        view! {
            <table class="data-table volume-snapshots">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, common.name)}</th>
                        <th scope="col">{t!(i18n, common.volume)}</th>
                        <th scope="col">{t!(i18n, common.size)}</th>
                        <th scope="col">{t!(i18n, common.status)}</th>
                        <th scope="col">{t!(i18n, common.created)}</th>
                        <th scope="col">{t!(i18n, common.actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|snapshot| {
                            let volume = names.get(&snapshot.volume_id).cloned().unwrap_or_else(|| snapshot.volume_id.clone());
                            let available = refusal(&snapshot.status, AVAILABLE);
                            let deletable = refusal(&snapshot.status, &["available", "error"]);
                            let (a, b, c) = (snapshot.clone(), snapshot.clone(), snapshot.clone());
                            let href = scope.get_value().url(&format!("/volumes/snapshots/{}", snapshot.id));
                            let label = label(&snapshot);
                            view! {
                                <tr data-id=snapshot.id.clone()>
                                    <th scope="row"><A href=href>{label}</A></th>
                                    <td>{volume}</td>
                                    <td>{t_string!(i18n, common.gib, size = snapshot.size)}</td>
                                    <td><StatusBadge status=snapshot.status.clone() /></td>
                                    <td>{short_time(snapshot.created_at.as_deref())}</td>
                                    <td class="row-actions">
                                        <ActionButton label=tr!(i18n, snapshots.create_backup) refusal=available.clone() on_click=Callback::new(move |_| chosen.set(Some((Form::Backup, a.clone())))) />
                                        <ActionButton label=tr!(i18n, snapshots.create_volume) refusal=available on_click=Callback::new(move |_| chosen.set(Some((Form::Volume, b.clone())))) />
                                        <ActionButton label=tr!(i18n, common.delete) refusal=deletable on_click=Callback::new(move |_| chosen.set(Some((Form::Delete, c.clone())))) />
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    };
    let refetch = Callback::new(move |_| snapshots.refetch());
    view! {
        <div class="toolbar">
            <button type="button" class="secondary" on:click=move |_| snapshots.refetch()>{t!(i18n, common.refresh)}</button>
        </div>
        {list::render(snapshots, tr!(i18n, snapshots.none), table)}
        <BackupDialog scope=scope.get_value() chosen />
        <VolumeDialog scope=scope.get_value() chosen />
        <DeleteOne
            scope=scope.get_value()
            target=form_of(chosen, Form::Delete)
            title=tr!(i18n, snapshots.delete_title)
            name=label
            command=|s: &Snapshot| format!("openstack volume snapshot delete {}", shell_word(&s.id))
            delete=|session: Session, s: Snapshot| async move { session.cinder().delete_snapshot(&s.id).await }
            on_close=Callback::new(move |_| chosen.set(None))
            on_done=refetch
        />
    }
}

fn form_of(chosen: RwSignal<Option<(Form, Snapshot)>>, form: Form) -> Signal<Option<Snapshot>> {
    Signal::derive(move || chosen.get().filter(|(f, _)| *f == form).map(|(_, s)| s))
}

#[component]
fn BackupDialog(scope: Scope, chosen: RwSignal<Option<(Form, Snapshot)>>) -> impl IntoView {
    let sessions = Sessions::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let navigate = StoredValue::new(use_navigate());
    let snapshot = form_of(chosen, Form::Backup);
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let container = RwSignal::new(String::new());
    let incremental = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let scope = StoredValue::new(scope);
    // The volume's backups (for "incremental") and the backup quota: two calls, when it opens.
    // Captured now: the fetcher may run again after the page is left (a refetch
    // just before navigating away), when the page's stored values are gone.
    let fetch_scope = scope.get_value();
    let context = LocalResource::new(move || {
        let snapshot = snapshot.get();
        let scope = fetch_scope.clone();
        async move {
            let snapshot = snapshot?;
            let session = sessions.in_scope(&scope)?.ok()?;
            let backups: Vec<Backup> = session
                .cinder()
                .backups(&Query::new().filter("volume_id", snapshot.volume_id.clone()))
                .await
                .map(|p| p.items)
                .unwrap_or_default();
            let has_full = backups.iter().any(|b| {
                b.status == "available" && b.volume_id.as_deref() == Some(&snapshot.volume_id)
            });
            let quota = session
                .cinder()
                .limits()
                .await
                .ok()
                .and_then(|l| l.usage("Backups"));
            Some((has_full, quota))
        }
    });
    Effect::new(move |_| {
        if let Some(s) = snapshot.get() {
            name.set(format!("{}-backup", label(&s)));
            description.set(String::new());
            container.set(String::new());
            incremental.set(false);
            error.set(None);
        }
    });
    let has_full = move || context.get().flatten().is_some_and(|(full, _)| full);
    let quota = move || context.get().flatten().and_then(|(_, q)| q);
    let over_quota = move || quota().is_some_and(|(used, limit)| limit.is_some_and(|l| used >= l));
    let command = Signal::derive(move || {
        let Some(s) = snapshot.get() else {
            return String::new();
        };
        let mut parts = vec![
            "openstack volume backup create".to_owned(),
            option("--snapshot", &s.id),
            option("--name", &name.get()),
        ];
        if !description.get().is_empty() {
            parts.push(option("--description", &description.get()));
        }
        if !container.get().is_empty() {
            parts.push(option("--container", &container.get()));
        }
        if incremental.get() {
            parts.push("--incremental".into());
        }
        parts.push(shell_word(&s.volume_id));
        parts.join(" ")
    });
    let close = crate::kit::list::closer(busy, chosen);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(s) = snapshot.get_untracked() else {
            return;
        };
        let backup = NewBackup {
            volume_id: s.volume_id.clone(),
            snapshot_id: Some(s.id.clone()),
            name: name.get_untracked().trim().to_owned(),
            description: Some(description.get_untracked()).filter(|d| !d.is_empty()),
            container: Some(container.get_untracked()).filter(|c| !c.is_empty()),
            incremental: incremental.get_untracked() && has_full(),
            force: false,
        };
        let scope = scope.get_value();
        let url = scope.url("/volumes/backups");
        let label = backup.name.clone();
        list::submit(
            scope,
            busy,
            error,
            move |session: Session| {
                let backup = backup.clone();
                async move { session.cinder().create_backup(&backup).await }
            },
            move |id: String| {
                chosen.set(None);
                notifications.push(
                    Level::Success,
                    tu_string!(i18n, snapshots.backup_requested, name = &label),
                    Some(tu_string!(
                        i18n,
                        snapshots.backup_requested_detail,
                        id = &id
                    )),
                );
                navigate.try_with_value(|go| go(&url, Default::default()));
            },
        );
    };
    let title = Signal::derive(move || {
        snapshot
            .get()
            .map(|s| t_string!(i18n, snapshots.backup_title, name = label(&s)).to_string())
            .unwrap_or_default()
    });
    let open = Signal::derive(move || snapshot.get().is_some());
    view! {
        <Dialog title open on_close=close>
            <form class="form" on:submit=submit>
                <TextField label=tr!(i18n, snapshots.backup_name) name="backup-name" value=name required=true />
                <TextField label=tr!(i18n, common.description_optional) name="description" value=description />
                <label class="field">
                    <span>{t!(i18n, snapshots.volume_snapshot)}</span>
                    <select name="snapshot" disabled>
                        <option selected>{move || snapshot.get().map(|s| label(&s))}</option>
                    </select>
                </label>
                <TextField label=tr!(i18n, snapshots.container) name="container" value=container />
                <Show
                    when=has_full
                    fallback=move || view! { <p class="hint">{t!(i18n, snapshots.no_incremental)}</p> }
                >
                    <label class="check">
                        <input
                            type="checkbox"
                            name="incremental"
                            prop:checked=move || incremental.get()
                            on:change=move |ev| incremental.set(event_target_checked(&ev))
                        />
                        {t!(i18n, snapshots.incremental)}
                    </label>
                </Show>
                <p class="hint">{move || quota().map(|(used, limit)| t_string!(i18n, quota.backups, usage = usage(i18n.get_locale(), used, limit)).to_string())}</p>
                <CliEquivalent command />
                <FormError error />
                <FormActions label=tr!(i18n, snapshots.create_backup) busy on_cancel=close blocked=Signal::derive(move || over_quota().then(|| t_string!(i18n, quota.backups_full).to_owned())) />
            </form>
        </Dialog>
    }
}

#[component]
fn VolumeDialog(scope: Scope, chosen: RwSignal<Option<(Form, Snapshot)>>) -> impl IntoView {
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let sessions = Sessions::expect();
    let navigate = StoredValue::new(use_navigate());
    let snapshot = form_of(chosen, Form::Volume);
    let name = RwSignal::new(String::new());
    let size = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let scope = StoredValue::new(scope);
    Effect::new(move |_| {
        if let Some(s) = snapshot.get() {
            name.set(format!("{}-restored", label(&s)));
            size.set(s.size.to_string());
            error.set(None);
        }
    });
    // Cinder's volume and gigabyte quotas: the form refuses what would exceed them.
    // Captured now: the fetcher may run again after the page is left (a refetch
    // just before navigating away), when the page's stored values are gone.
    let fetch_scope = scope.get_value();
    let limits = LocalResource::new(move || {
        let open = snapshot.get().is_some();
        let scope = fetch_scope.clone();
        async move {
            if !open {
                return None;
            }
            let session = sessions.in_scope(&scope)?.ok()?;
            session.cinder().limits().await.ok()
        }
    });
    let quota = move || {
        let limits = limits.get().flatten()?;
        let volumes = limits.usage("Volumes")?;
        let gigabytes = limits.pair("totalGigabytesUsed", "maxTotalVolumeGigabytes")?;
        let wanted: i64 = size.get().trim().parse().unwrap_or(0);
        let full = volumes.1.is_some_and(|l| volumes.0 >= l)
            || gigabytes.1.is_some_and(|l| gigabytes.0 + wanted > l);
        let locale = i18n.get_locale();
        Some((
            t_string!(
                i18n,
                quota.volumes,
                volumes = usage(locale, volumes.0, volumes.1),
                gigabytes = usage(locale, gigabytes.0, gigabytes.1)
            )
            .to_string(),
            full,
        ))
    };
    let over_quota = move || quota().is_some_and(|(_, full)| full);
    let command = Signal::derive(move || {
        let Some(s) = snapshot.get() else {
            return String::new();
        };
        format!(
            "openstack volume create --snapshot {} --size {} {}",
            shell_word(&s.id),
            shell_word(&size.get()),
            last_word(&name.get())
        )
    });
    let close = crate::kit::list::closer(busy, chosen);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(s) = snapshot.get_untracked() else {
            return;
        };
        let wanted = match size.get_untracked().trim().parse::<u64>() {
            Ok(n) if n >= s.size => n,
            _ => {
                error.set(Some(
                    tu_string!(i18n, snapshots.size_too_small, size = s.size).to_string(),
                ));
                return;
            }
        };
        let volume = VolumeFromSnapshot {
            snapshot_id: s.id.clone(),
            name: name.get_untracked().trim().to_owned(),
            size: Some(wanted),
            description: None,
        };
        let scope = scope.get_value();
        let url = scope.url("/volumes/volumes");
        list::submit(
            scope,
            busy,
            error,
            move |session: Session| {
                let volume = volume.clone();
                async move { session.cinder().create_volume_from_snapshot(&volume).await }
            },
            move |id: String| {
                chosen.set(None);
                notifications.push(
                    Level::Success,
                    tu_string!(i18n, snapshots.volume_requested),
                    Some(tu_string!(i18n, snapshots.volume_id, id = &id)),
                );
                navigate.try_with_value(|go| go(&url, Default::default()));
            },
        );
    };
    let title = Signal::derive(move || {
        snapshot
            .get()
            .map(|s| t_string!(i18n, snapshots.volume_title, name = label(&s)).to_string())
            .unwrap_or_default()
    });
    let open = Signal::derive(move || snapshot.get().is_some());
    view! {
        <Dialog title open on_close=close>
            <form class="form" on:submit=submit>
                <TextField label=tr!(i18n, snapshots.volume_name) name="volume-name" value=name required=true />
                <label class="field">
                    <span>{t!(i18n, snapshots.size_gib)}</span>
                    <input
                        type="number"
                        name="size"
                        min=move || snapshot.get().map(|s| s.size.to_string())
                        required
                        prop:value=move || size.get()
                        on:input=move |ev| size.set(event_target_value(&ev))
                    />
                </label>
                <p class="hint">{move || quota().map(|(line, _)| line)}</p>
                <CliEquivalent command />
                <FormError error />
                <FormActions label=tr!(i18n, snapshots.create_volume) busy on_cancel=close blocked=Signal::derive(move || over_quota().then(|| t_string!(i18n, quota.volumes_full).to_owned())) />
            </form>
        </Dialog>
    }
}
