//! EC2 → Snapshots → Restore to volume: CreateVolume from the snapshot, in a zone of the region,
//! of a type and size the user picks (at least the snapshot's).

use crate::components::tags::cli_spec;
use crate::prelude::*;
use nubo_cloud::aws::ec2::{NewVolume, Snapshot, Tag, Volume};

const VOLUME_TYPES: &[&str] = &["gp3", "gp2", "io1", "io2", "st1", "sc1", "standard"];

form_dialog!(RestoreDialog(snapshot: Snapshot, zones: Signal<Vec<String>>) => RestoreForm, |s, l| td_string!(l, ec2.restore_title, name = label(s)).to_string());

#[component]
fn RestoreForm(
    scope: StoredValue<Scope>,
    snapshot: Snapshot,
    zones: Signal<Vec<String>>,
    form: FormState,
) -> impl IntoView {
    let accounts = Accounts::expect();
    let i18n = use_i18n();
    let zone = RwSignal::new(String::new());
    // The first zone, once the region has said which it has.
    Effect::new(move |_| {
        if zone.get_untracked().is_empty()
            && let Some(first) = zones.with(|z| z.first().cloned())
        {
            zone.set(first);
        }
    });
    let kind = RwSignal::new("gp3".to_owned());
    let minimum = snapshot.volume_size.unwrap_or(1);
    let size = RwSignal::new(
        snapshot
            .volume_size
            .map(|v| v.to_string())
            .unwrap_or_default(),
    );
    let name = RwSignal::new(format!("{}-restored", label(&snapshot)));
    let snapshot_id = snapshot.id.clone();
    let new_volume = move || {
        let name = name.get();
        let tags: Vec<Tag> = Some(name.trim())
            .filter(|n| !n.is_empty())
            .map(|n| Tag::new("Name", n))
            .into_iter()
            .collect();
        NewVolume {
            availability_zone: zone.get(),
            snapshot_id: Some(snapshot_id.clone()),
            size: size.get().trim().parse().ok(),
            volume_type: Some(kind.get()),
            tags,
            ..NewVolume::default()
        }
    };
    let spec = new_volume.clone();
    let region = scope.with_value(|s| s.region.clone());
    let command = Signal::derive(move || {
        let v = spec();
        let size = v.size.map(|s| s.to_string());
        let line = Cli::new("aws ec2 create-volume")
            .option("--region", &region)
            .option("--snapshot-id", v.snapshot_id.as_deref().unwrap_or(""))
            .option("--availability-zone", &v.availability_zone)
            .option("--volume-type", v.volume_type.as_deref().unwrap_or(""))
            .option_if("--size", size.as_deref())
            .line();
        let mut parts = vec![line];
        parts.extend(cli_spec("volume", &v.tags));
        parts.join(" ")
    });
    let snapshot = StoredValue::new(snapshot);
    let submit = Callback::new(move |()| {
        match size.get_untracked().trim().parse::<u32>() {
            Ok(n) if n >= minimum => {}
            _ => {
                return form.refuse(Failure::worded(move |l| {
                    td_string!(l, snapshots.size_too_small, size = minimum).to_string()
                }));
            }
        }
        let volume = untrack(&new_volume);
        let s = snapshot.get_value();
        let ec2 = scope.with_value(|sc| accounts.ec2(sc));
        form.aws(
            "ec2:CreateVolume",
            async move { ec2?.create_volume(&volume).await },
            form.taken(scope, Panel::Ec2Volumes, move |created: Volume| {
                let title = tu_string!(i18n, ec2.restoring, name = label(&s));
                (
                    title,
                    tu_string!(i18n, snapshots.volume_id, id = &created.id),
                )
            }),
        );
    });
    view! {
        <FormBody form label=tr!(i18n, ec2.restore) busy_label=tr!(i18n, backups.restoring_busy) command on_submit=submit >
            <SelectField label=tr!(i18n, ec2.zone) name="availability-zone" value=zone choices=Signal::derive(move || same_words(zones.get())) />
            <SelectField label=tr!(i18n, ec2.volume_type) name="volume-type" value=kind choices=Signal::derive(|| same_words(VOLUME_TYPES.iter().map(|k| k.to_string()).collect())) />
            <NumberField label=tr!(i18n, snapshots.size_gib) name="size" value=size min=u64::from(minimum) />
            <TextField label=tr!(i18n, ec2.name_tag) name="name-tag" value=name />
        </FormBody>
    }
}
