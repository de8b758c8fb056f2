//! Snapshots → Create Backup (workflow 2): a Cinder backup of the volume from this snapshot, with
//! the project's backup quota and the command line.

use crate::format::usage;
use crate::prelude::*;
use nubo_cloud::openstack::cinder::{Backup, NewBackup, Snapshot};
use nubo_cloud::openstack::{Query, Session};

form_dialog!(BackupDialog(snapshot: Snapshot) => BackupForm, |s, l| td_string!(l, snapshots.backup_title, name = label(s)).to_string());

#[component]
fn BackupForm(scope: StoredValue<Scope>, snapshot: Snapshot, form: FormState) -> impl IntoView {
    let sessions = Sessions::expect();
    let i18n = use_i18n();
    let name = RwSignal::new(format!("{}-backup", label(&snapshot)));
    let description = RwSignal::new(String::new());
    let container = RwSignal::new(String::new());
    let incremental = RwSignal::new(false);
    // The volume's backups (for "incremental") and the backup quota: two calls, when it opens.
    let context = {
        let volume_id = snapshot.volume_id.clone();
        LocalResource::new(move || {
            let (scope, volume_id) = (scope.get_value(), volume_id.clone());
            async move {
                let session = sessions.in_scope(&scope)?.ok()?;
                let backups: Vec<Backup> = session
                    .cinder()
                    .backups(&Query::new().filter("volume_id", volume_id.clone()))
                    .await
                    .map(|p| p.items)
                    .unwrap_or_default();
                let has_full = backups
                    .iter()
                    .any(|b| b.status == "available" && b.volume_id.as_deref() == Some(&volume_id));
                let quota = session
                    .cinder()
                    .limits()
                    .await
                    .ok()
                    .and_then(|l| l.usage("Backups"));
                Some((has_full, quota))
            }
        })
    };
    let has_full = move || context.get().flatten().is_some_and(|(full, _)| full);
    let quota = move || context.get().flatten().and_then(|(_, q)| q);
    let blocked = Signal::derive(move || {
        quota()
            .is_some_and(|(used, limit)| limit.is_some_and(|l| used >= l))
            .then(|| t_string!(i18n, quota.backups_full).to_owned())
    });
    let shown = label(&snapshot);
    let snapshot = StoredValue::new(snapshot);
    let command = Signal::derive(move || {
        let (id, volume_id) = snapshot.with_value(|s| (s.id.clone(), s.volume_id.clone()));
        Cli::new("openstack volume backup create")
            .option("--snapshot", &id)
            .option("--name", &name.get())
            .option_if("--description", Some(&description.get()))
            .option_if("--container", Some(&container.get()))
            .flag_if(incremental.get(), "--incremental")
            .word(&volume_id)
            .line()
    });
    let submit = Callback::new(move |()| {
        let s = snapshot.get_value();
        let backup = NewBackup {
            volume_id: s.volume_id.clone(),
            snapshot_id: Some(s.id.clone()),
            name: name.get_untracked().trim().to_owned(),
            description: Some(description.get_untracked()).filter(|d| !d.is_empty()),
            container: Some(container.get_untracked()).filter(|c| !c.is_empty()),
            incremental: incremental.get_untracked() && has_full(),
            force: false,
        };
        let label = backup.name.clone();
        form.through(
            scope,
            backup,
            |session: Session, backup| async move { session.cinder().create_backup(&backup).await },
            form.taken(scope, Panel::Backups, move |id: String| {
                (
                    tu_string!(i18n, snapshots.backup_requested, name = &label),
                    tu_string!(i18n, snapshots.backup_requested_detail, id = &id),
                )
            }),
        );
    });
    view! {
        <FormBody form label=tr!(i18n, snapshots.create_backup) command blocked on_submit=submit>
            <TextField label=tr!(i18n, snapshots.backup_name) name="backup-name" value=name required=true />
            <TextField label=tr!(i18n, common.description_optional) name="description" value=description />
            <label class="field">
                <span>{t!(i18n, snapshots.volume_snapshot)}</span>
                <select name="snapshot" disabled>
                    <option selected>{shown}</option>
                </select>
            </label>
            <TextField label=tr!(i18n, snapshots.container) name="container" value=container />
            <Show
                when=has_full
                fallback=move || view! { <p class="hint">{t!(i18n, snapshots.no_incremental)}</p> }
            >
                <CheckField label=tr!(i18n, snapshots.incremental) name="incremental" value=incremental />
            </Show>
            <p class="hint">{move || quota().map(|(used, limit)| t_string!(i18n, quota.backups, usage = usage(i18n.get_locale(), used, limit)).to_string())}</p>
        </FormBody>
    }
}
