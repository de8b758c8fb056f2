//! EC2 → Instances → Snapshot all volumes: CreateSnapshots of the instance, one crash-consistent
//! set, the boot volume optional, the volumes' tags copied.

use crate::components::tags::{TagEditor, cli_spec, to_tags};
use crate::prelude::*;
use nubo_cloud::aws::ec2::{Instance, InstanceSnapshots, Snapshot};

form_dialog!(SnapshotsDialog(instance: Instance) => SnapshotsForm, |i, l| td_string!(l, ec2.snapshot_all_title, name = label(i)).to_string());

#[component]
fn SnapshotsForm(scope: StoredValue<Scope>, instance: Instance, form: FormState) -> impl IntoView {
    let accounts = Accounts::expect();
    let i18n = use_i18n();
    let description = RwSignal::new(format!("{} {}", label(&instance), crate::format::today()));
    let exclude_boot = RwSignal::new(false);
    let copy_tags = RwSignal::new(true);
    let tags = RwSignal::new(vec![(
        "Owner".to_owned(),
        accounts.owner_default(&scope.get_value()),
    )]);
    let volumes = instance.volume_ids().collect::<Vec<_>>().join(", ");
    let instance = StoredValue::new(instance);
    let spec = move || InstanceSnapshots {
        instance_id: instance.with_value(|i| i.id.clone()),
        description: Some(description.get()).filter(|d| !d.is_empty()),
        exclude_boot_volume: exclude_boot.get(),
        copy_tags_from_volume: copy_tags.get(),
        tags: tags.with(|t| to_tags(t)),
    };
    let region = scope.with_value(|s| s.region.clone());
    let command = Signal::derive(move || {
        let s = spec();
        let line = Cli::new("aws ec2 create-snapshots")
            .option("--region", &region)
            .option(
                "--instance-specification",
                &format!(
                    "InstanceId={},ExcludeBootVolume={}",
                    s.instance_id, s.exclude_boot_volume
                ),
            )
            .option_if("--description", s.description.as_deref())
            .flag_if(s.copy_tags_from_volume, "--copy-tags-from-source volume")
            .line();
        let mut parts = vec![line];
        parts.extend(cli_spec("snapshot", &s.tags));
        parts.join(" ")
    });
    let submit = Callback::new(move |()| {
        let s = untrack(spec);
        let target = instance.get_value();
        let ec2 = scope.with_value(|s| accounts.ec2(s));
        form.aws(
            "ec2:CreateSnapshots",
            async move { ec2?.create_snapshots(&s).await },
            form.taken(scope, Panel::Ec2Snapshots, move |created: Vec<Snapshot>| {
                (
                    tu_string!(
                        i18n,
                        ec2.snapshots_requested,
                        count = created.len(),
                        name = label(&target)
                    ),
                    created
                        .iter()
                        .map(|s| s.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                )
            }),
        );
    });
    view! {
        <FormBody form label=tr!(i18n, ec2.snapshot_all) command on_submit=submit>
            <p class="hint">{move || t_string!(i18n, ec2.snapshot_all_volumes, volumes = &volumes).to_string()}</p>
            <TextField label=tr!(i18n, common.description_optional) name="description" value=description />
            <CheckField label=tr!(i18n, ec2.exclude_boot) name="exclude-boot" value=exclude_boot />
            <CheckField label=tr!(i18n, ec2.copy_tags) name="copy-tags" value=copy_tags />
            <TagEditor rows=tags />
        </FormBody>
    }
}
