//! Snapshots → Create Backup (workflow 2): a Cinder backup of the volume from this snapshot, with
//! the project's backup quota and the command line.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use nubo_cloud::openstack::{
    Query, Session,
    cinder::{Backup, NewBackup, Snapshot},
};

use crate::{
    components::{
        cli::{CliEquivalent, option, shell_word},
        dialog::Dialog,
    },
    format::usage,
    i18n::{t, t_string, tu_string, use_i18n},
    kit::{
        self,
        form::{FormActions, FormError, TextField},
        table::label,
    },
    shell::notifications::{Level, Notifications},
    state::{scope::Scope, session::Sessions},
    tr,
};

#[component]
pub fn BackupDialog(scope: Scope, snapshot: RwSignal<Option<Snapshot>>) -> impl IntoView {
    let sessions = Sessions::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let navigate = StoredValue::new(use_navigate());
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
    let close = crate::kit::form::closer(busy, snapshot);
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
        kit::form::submit(
            scope,
            busy,
            error,
            move |session: Session| {
                let backup = backup.clone();
                async move { session.cinder().create_backup(&backup).await }
            },
            move |id: String| {
                snapshot.set(None);
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
