//! Create Backup, from Volumes → Snapshots (guide 2: the snapshot preselected, the container
//! left empty) or from Volumes directly (force for an in-use volume): a Cinder backup, with
//! the project's backup quota, incremental once a full backup of the volume exists, and the
//! command line.

use crate::format::usage;
use crate::prelude::*;
use nubo_cloud::openstack::cinder::{Backup, NewBackup, Snapshot, Volume};
use nubo_cloud::openstack::{Query, Session};
use nubo_logic::input;

/// What a backup is made from: a volume as it is now, or one of its snapshots.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupSource {
    pub volume_id: String,
    /// The snapshot's id and name, for a backup of a snapshot.
    pub snapshot: Option<(String, String)>,
    /// What the form is named for: the snapshot's name, or the volume's.
    pub shown: String,
    /// An attached volume, which Cinder backs up only when forced.
    pub in_use: bool,
}

impl BackupSource {
    pub fn snapshot(s: &Snapshot) -> Self {
        Self {
            volume_id: s.volume_id.clone(),
            snapshot: Some((s.id.clone(), label(s))),
            shown: label(s),
            in_use: false,
        }
    }

    pub fn volume(v: &Volume) -> Self {
        Self {
            volume_id: v.id.clone(),
            snapshot: None,
            shown: label(v),
            in_use: v.status == "in-use",
        }
    }
}

form_dialog!(BackupDialog(source: BackupSource) => BackupForm, |s, l| td_string!(l, snapshots.backup_title, name = &s.shown).to_string());

#[component]
fn BackupForm(scope: StoredValue<Scope>, source: BackupSource, form: FormState) -> impl IntoView {
    let sessions = Sessions::expect();
    let i18n = use_i18n();
    let name = RwSignal::new(format!("{}-backup", source.shown));
    let description = RwSignal::new(String::new());
    let container = RwSignal::new(String::new());
    let incremental = RwSignal::new(false);
    let force = RwSignal::new(false);
    // The volume's backups (for "incremental") and the backup quota: two calls, when it opens.
    let context = {
        let volume_id = source.volume_id.clone();
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
    let in_use = source.in_use;
    let preselected = source.snapshot.as_ref().map(|(_, name)| name.clone());
    let source = StoredValue::new(source);
    let command = Signal::derive(move || {
        let (snapshot, volume_id) =
            source.with_value(|s| (s.snapshot.clone().map(|(id, _)| id), s.volume_id.clone()));
        Cli::new("openstack volume backup create")
            .option_if("--snapshot", snapshot.as_deref())
            .option("--name", &name.get())
            .option_if("--description", Some(&description.get()))
            .option_if("--container", Some(&container.get()))
            .flag_if(incremental.get() && has_full(), "--incremental")
            .flag_if(force.get(), "--force")
            .word(&volume_id)
            .line()
    });
    let submit = Callback::new(move |()| {
        let words = input::name(&name.get_untracked())
            .and_then(|name| Ok((name, input::description(&description.get_untracked())?)));
        let (name, description) = match words {
            Ok(words) => words,
            Err(refusal) => return form.refuse(refusal.into()),
        };
        let s = source.get_value();
        let backup = NewBackup {
            volume_id: s.volume_id.clone(),
            snapshot_id: s.snapshot.map(|(id, _)| id),
            name,
            description: Some(description).filter(|d| !d.is_empty()),
            container: Some(container.get_untracked()).filter(|c| !c.is_empty()),
            incremental: incremental.get_untracked() && has_full(),
            force: in_use && force.get_untracked(),
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
            {preselected.map(|shown| view! {
                <label class="field">
                    <span>{t!(i18n, snapshots.volume_snapshot)}</span>
                    <select name="snapshot" disabled>
                        <option selected>{shown}</option>
                    </select>
                </label>
            })}
            <TextField label=tr!(i18n, snapshots.container) name="container" value=container />
            <Show
                when=has_full
                fallback=move || view! { <p class="hint">{t!(i18n, snapshots.no_incremental)}</p> }
            >
                <CheckField label=tr!(i18n, snapshots.incremental) name="incremental" value=incremental />
            </Show>
            <Show when=move || in_use>
                <CheckField label=tr!(i18n, backups.force) name="force" value=force />
                <p class="hint">{t!(i18n, backups.force_hint)}</p>
            </Show>
            <p class="hint">{move || quota().map(|(used, limit)| t_string!(i18n, quota.backups, usage = usage(i18n.get_locale(), used, limit)).to_string())}</p>
        </FormBody>
    }
}
