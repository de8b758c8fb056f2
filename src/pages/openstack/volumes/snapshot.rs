//! Volumes → Create Snapshot: a Cinder snapshot of the volume, with the project's snapshot quota
//! and the command line.

use crate::format::usage;
use crate::prelude::*;
use nubo_cloud::openstack::Session;
use nubo_cloud::openstack::cinder::{NewSnapshot, Volume};

/// Cinder's snapshot usage and limit, for a form's quota line.
pub fn snapshot_quota(
    session: &Session,
) -> impl Future<Output = Option<(i64, Option<i64>)>> + use<> {
    let session = session.clone();
    async move { session.cinder().limits().await.ok()?.usage("Snapshots") }
}

form_dialog!(VolumeSnapshotDialog(volume: Volume) => SnapshotForm, |v, l| td_string!(l, instances.snapshot_title, name = label(v)).to_string());

#[component]
fn SnapshotForm(scope: StoredValue<Scope>, volume: Volume, form: FormState) -> impl IntoView {
    let sessions = Sessions::expect();
    let i18n = use_i18n();
    let name = RwSignal::new(format!("{}-snapshot", label(&volume)));
    let description = RwSignal::new(String::new());
    let force = RwSignal::new(false);
    let quota = LocalResource::new(move || {
        let scope = scope.get_value();
        async move { snapshot_quota(&sessions.in_scope(&scope)?.ok()?).await }
    });
    let in_use = volume.status == "in-use";
    let blocked = Signal::derive(move || {
        let full = quota
            .get()
            .flatten()
            .is_some_and(|(used, limit)| limit.is_some_and(|l| used >= l));
        full.then(|| t_string!(i18n, quota.snapshots_full).to_owned())
    });
    let quota_line = move || {
        let (used, limit) = quota.get().flatten()?;
        let usage = usage(i18n.get_locale(), used, limit);
        Some(t_string!(i18n, quota.snapshots, usage).to_string())
    };
    let volume = StoredValue::new(volume);
    let command = Signal::derive(move || {
        Cli::new("openstack volume snapshot create")
            .option("--volume", &volume.with_value(|v| v.id.clone()))
            .flag_if(force.get(), "--force")
            .option_if("--description", Some(&description.get()))
            .last(&name.get())
    });
    let submit = Callback::new(move |()| {
        let target = volume.get_value();
        let snapshot = NewSnapshot {
            volume_id: target.id.clone(),
            name: name.get_untracked().trim().to_owned(),
            description: Some(description.get_untracked()).filter(|d| !d.is_empty()),
            force: force.get_untracked(),
        };
        let url = scope.with_value(|s| s.url(Panel::VolumeSnapshots));
        form.through(
            scope,
            snapshot,
            |session: Session, snapshot| async move {
                session.cinder().create_snapshot(&snapshot).await
            },
            move |id: String| {
                form.accepted(
                    tu_string!(i18n, volumes.snapshot_requested, name = label(&target)),
                    Some(tu_string!(i18n, volumes.snapshot_id, id = &id)),
                    &url,
                );
            },
        );
    });
    view! {
        <FormBody form label=tr!(i18n, instances.create_snapshot) command blocked on_submit=submit>
            <TextField label=tr!(i18n, instances.snapshot_name) name="snapshot-name" value=name required=true />
            <TextField label=tr!(i18n, common.description_optional) name="description" value=description />
            <Show when=move || in_use>
                <CheckField label=tr!(i18n, volumes.force) name="force" value=force />
                <p class="hint">{t!(i18n, volumes.force_hint)}</p>
            </Show>
            <p class="hint">{quota_line}</p>
        </FormBody>
    }
}
