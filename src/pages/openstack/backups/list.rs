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
        cli::{CliEquivalent, last_word, shell_word},
        confirm::{TypeToConfirm, typed_confirmation},
        dialog::Dialog,
        status::StatusBadge,
    },
    format::short_time,
    i18n::{t, t_string, tu_string, use_i18n},
    kit::list::{self, ActionButton, DeleteOne, FormActions, FormError, TextField, label, refusal},
    pages::openstack::volumes::list::yes_no,
    shell::notifications::{Level, Notifications},
    state::{scope::Scope, session::Sessions},
    tr,
};

#[component]
pub fn BackupsPage(scope: Scope) -> impl IntoView {
    let sessions = Sessions::expect();
    let i18n = use_i18n();
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
    let restore_of = RwSignal::new(None::<Backup>);
    let delete_of = RwSignal::new(None::<Backup>);
    let table = move |rows: Vec<Backup>| {
        let names: HashMap<String, String> = volumes
            .get()
            .unwrap_or_default()
            .iter()
            .map(|v| (v.id.clone(), label(v)))
            .collect();
        view! {
            <table class="data-table backups">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, common.name)}</th>
                        <th scope="col">{t!(i18n, common.volume)}</th>
                        <th scope="col">{t!(i18n, common.snapshot)}</th>
                        <th scope="col">{t!(i18n, common.size)}</th>
                        <th scope="col">{t!(i18n, common.status)}</th>
                        <th scope="col">{t!(i18n, backups.incremental)}</th>
                        <th scope="col">{t!(i18n, common.created)}</th>
                        <th scope="col">{t!(i18n, common.actions)}</th>
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
                            let label = label(&backup);
                            view! {
                                <tr data-id=backup.id.clone()>
                                    <th scope="row"><A href=href>{label}</A></th>
                                    <td>{volume}</td>
                                    <td class="mono">{backup.snapshot_id.clone().unwrap_or_default()}</td>
                                    <td>{backup.size.map(|size| t_string!(i18n, common.gib, size).to_string()).unwrap_or_default()}</td>
                                    <td>
                                        <StatusBadge status=backup.status.clone() />
                                        {reason.map(|r| view! { <p class="fail-reason">{r}</p> })}
                                    </td>
                                    <td>{yes_no(i18n, backup.is_incremental == Some(true))}</td>
                                    <td>{short_time(backup.created_at.as_deref())}</td>
                                    <td class="row-actions">
                                        <ActionButton label=tr!(i18n, backups.restore) refusal=restorable on_click=Callback::new(move |_| restore_of.set(Some(a.clone()))) />
                                        <ActionButton label=tr!(i18n, common.delete) refusal=deletable on_click=Callback::new(move |_| delete_of.set(Some(b.clone()))) />
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
            <button type="button" class="secondary" on:click=move |_| backups.refetch()>{t!(i18n, common.refresh)}</button>
        </div>
        {list::render(backups, tr!(i18n, backups.none), table)}
        <RestoreDialog scope=scope.get_value() backup=restore_of volumes=volume_list on_done=refetch />
        <DeleteOne
            scope=scope.get_value()
            target=delete_of
            title=tr!(i18n, backups.delete_title)
            name=label
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
    let i18n = use_i18n();
    let to_new = RwSignal::new(true);
    let name = RwSignal::new(String::new());
    let existing = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let scope = StoredValue::new(scope);
    Effect::new(move |_| {
        if let Some(b) = backup.get() {
            name.set(format!("{}-restored", label(&b)));
            existing.set(String::new());
            to_new.set(true);
            error.set(None);
        }
    });
    // Restoring over a volume replaces its data: its name is typed before it is allowed.
    let target_name = Signal::derive(move || {
        let id = existing.get();
        volumes
            .get()
            .into_iter()
            .find(|v| v.id == id)
            .map(|v| label(&v))
            .unwrap_or_default()
    });
    let (typed, typed_blocked) = typed_confirmation(target_name, move || {
        existing.track();
        to_new.track();
    });
    let blocked = Signal::derive(move || {
        if to_new.get() || existing.get().is_empty() {
            None
        } else {
            typed_blocked.get()
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
            last_word(&target)
        )
    });
    let close = crate::kit::list::closer(busy, backup);
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
                error.set(Some(tu_string!(i18n, backups.choose_volume).to_owned()));
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
                    tu_string!(i18n, backups.restoring, name = label(&b)),
                    Some(tu_string!(
                        i18n,
                        backups.into_volume,
                        volume = restore.volume_name.unwrap_or(restore.volume_id)
                    )),
                );
                on_done.run(());
            },
        );
    };
    let title = Signal::derive(move || {
        backup
            .get()
            .map(|b| t_string!(i18n, backups.title, name = label(&b)).to_string())
            .unwrap_or_default()
    });
    let open = Signal::derive(move || backup.get().is_some());
    view! {
        <Dialog title open on_close=close>
            <form class="form" on:submit=submit>
                <fieldset class="choices">
                    <legend>{t!(i18n, backups.restore_to)}</legend>
                    <label>
                        <input type="radio" name="target" checked=move || to_new.get() on:change=move |_| to_new.set(true) />
                        {t!(i18n, backups.new_volume)}
                    </label>
                    <label>
                        <input type="radio" name="target" checked=move || !to_new.get() on:change=move |_| to_new.set(false) />
                        {t!(i18n, backups.existing_volume)}
                    </label>
                </fieldset>
                <Show
                    when=move || to_new.get()
                    fallback=move || view! {
                        <label class="field">
                            <span>{t!(i18n, backups.volume_to_overwrite)}</span>
                            <select name="existing-volume" on:change=move |ev| existing.set(event_target_value(&ev))>
                                <option value="">{t!(i18n, backups.choose_available)}</option>
                                {move || targets().into_iter().map(|v| {
                                    let label = t_string!(i18n, backups.volume_choice, name = label(&v), size = v.size);
                                    view! { <option value=v.id.clone()>{label}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        <p class="form-warning" role="note">
                            {t!(i18n, backups.overwrite_warning)}
                        </p>
                        <Show when=move || !existing.get().is_empty()>
                            <TypeToConfirm name=target_name typed />
                        </Show>
                    }
                >
                    <TextField label=tr!(i18n, backups.new_volume_name) name="volume-name" value=name required=true />
                </Show>
                <CliEquivalent command />
                <FormError error />
                <FormActions label=tr!(i18n, backups.restore) busy_label=tr!(i18n, backups.restoring_busy) busy on_cancel=close blocked />
            </form>
        </Dialog>
    }
}
