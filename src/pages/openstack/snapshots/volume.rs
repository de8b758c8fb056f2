//! Snapshots → Create Volume: a new volume from the snapshot, within the project's volume quota.

use crate::pages::openstack::quota;
use crate::prelude::*;
use nubo_cloud::openstack::Session;
use nubo_cloud::openstack::cinder::{Snapshot, VolumeFromSnapshot};

form_dialog!(VolumeDialog(snapshot: Snapshot) => VolumeForm, |s, l| td_string!(l, snapshots.volume_title, name = label(s)).to_string());

#[component]
fn VolumeForm(scope: StoredValue<Scope>, snapshot: Snapshot, form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(format!("{}-restored", label(&snapshot)));
    let size = RwSignal::new(snapshot.size.to_string());
    // Cinder's volume and gigabyte quotas: the form refuses what would exceed them.
    let limits = quota::cinder_limits(scope);
    let quota = move || {
        let wanted = size.get().trim().parse().unwrap_or(0);
        quota::new_volume(i18n, &limits.get().flatten()?, wanted)
    };
    let blocked = Signal::derive(move || {
        quota()
            .is_some_and(|(_, full)| full)
            .then(|| t_string!(i18n, quota.volumes_full).to_owned())
    });
    let min_size = snapshot.size;
    let snapshot = StoredValue::new(snapshot);
    let command = Signal::derive(move || {
        Cli::new("openstack volume create")
            .option("--snapshot", &snapshot.with_value(|s| s.id.clone()))
            .option("--size", &size.get())
            .last(&name.get())
    });
    let submit = Callback::new(move |()| {
        let wanted = match size.get_untracked().trim().parse::<u64>() {
            Ok(n) if n >= min_size => n,
            _ => {
                return form.refuse(Failure::worded(move |l| {
                    td_string!(l, snapshots.size_too_small, size = min_size).to_string()
                }));
            }
        };
        let volume = VolumeFromSnapshot {
            snapshot_id: snapshot.with_value(|s| s.id.clone()),
            name: name.get_untracked().trim().to_owned(),
            size: Some(wanted),
            description: None,
        };
        form.through(
            scope,
            volume,
            |session: Session, volume| async move {
                session.cinder().create_volume_from_snapshot(&volume).await
            },
            form.taken(scope, Panel::Volumes, move |id: String| {
                (
                    tu_string!(i18n, snapshots.volume_requested),
                    tu_string!(i18n, snapshots.volume_id, id = &id),
                )
            }),
        );
    });
    view! {
        <FormBody form label=tr!(i18n, snapshots.create_volume) command blocked on_submit=submit>
            <TextField label=tr!(i18n, snapshots.volume_name) name="volume-name" value=name required=true />
            <NumberField label=tr!(i18n, snapshots.size_gib) name="size" value=size min=min_size />
            <p class="hint">{move || quota().map(|(line, _)| line)}</p>
        </FormBody>
    }
}
