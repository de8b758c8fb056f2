//! EC2 → Instances: the account's instances in the region with their volumes. Row actions:
//! Snapshot all volumes (CreateSnapshots: one crash-consistent set, the boot volume optional,
//! the volumes' tags copied), Create AMI, Replace root volume (from a snapshot of it, followed
//! until EC2 is done), Stop and Start.

use crate::components::confirm::ConfirmOne;
use crate::format::short_time;
use crate::pages::ec2::instances::image::ImageDialog;
use crate::pages::ec2::instances::replace_root::{REPLACE_ALLOWED, ReplaceRootDialog};
use crate::pages::ec2::instances::snapshots::SnapshotsDialog;
use crate::pages::ec2::tags::{EditTagsDialog, Tagged, edit_tags};
use crate::pages::ec2::{self, id_and_name};
use crate::prelude::*;
use nubo_cloud::aws::Ec2;
use nubo_cloud::aws::ec2::{Instance, Query};

const SNAPSHOT_ALLOWED: &[&str] = &["running", "stopped"];
const START_ALLOWED: &[&str] = &["stopped"];
const STOP_ALLOWED: &[&str] = &["running"];

#[component]
pub fn Ec2InstancesPage(scope: StoredValue<Scope>) -> impl IntoView {
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let instances = ec2::live(scope, |ec2: Ec2, query: Query| async move {
        ec2.instances(&query).await
    });
    let power = move |start: bool, instance: Instance| {
        let ec2 = accounts.ec2_in(scope);
        let locale = i18n.get_locale_untracked();
        leptos::task::spawn_local(async move {
            let id = instance.id.clone();
            let result = match ec2 {
                Ok(ec2) if start => ec2.start_instances(&[&id]).await.map(drop),
                Ok(ec2) => ec2.stop_instances(&[&id]).await.map(drop),
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => instances.refetch(),
                Err(error) => {
                    let (title, action) = if start {
                        (
                            tu_string!(i18n, instances.start_failed, name = label(&instance)),
                            "ec2:StartInstances",
                        )
                    } else {
                        (
                            tu_string!(i18n, instances.stop_failed, name = label(&instance)),
                            "ec2:StopInstances",
                        )
                    };
                    notifications.error(title, Failure::aws(action)(error).words(locale));
                }
            }
        });
    };
    let tags_of = RwSignal::new(None::<Tagged>);
    let stopping = RwSignal::new(None::<Instance>);
    let snapshots_of = RwSignal::new(None::<Instance>);
    let image_of = RwSignal::new(None::<Instance>);
    let replace_of = RwSignal::new(None::<Instance>);
    let [id, name] = id_and_name(
        |l| td_string!(l, ec2.instance_id),
        scope,
        Panel::Ec2Instances,
    );
    let table = Table::new(
        "ec2-instances",
        vec![
            id,
            name,
            columns::status(),
            Column::new(
                |l| td_string!(l, common.kind),
                |i: &Instance| i.instance_type.clone().unwrap_or_default(),
            ),
            Column::new(
                |l| td_string!(l, ec2.zone),
                |i: &Instance| i.availability_zone().unwrap_or_default().to_owned(),
            ),
            Column::new(
                |l| td_string!(l, nav.volumes),
                |i: &Instance| i.volume_ids().collect::<Vec<_>>().join(", "),
            )
            .mono(),
            Column::new(
                |l| td_string!(l, ec2.launched),
                |i: &Instance| short_time(i.launch_time.as_deref()),
            ),
        ],
    )
    .actions(vec![
        RowAction::opens(
            |l| td_string!(l, ec2.snapshot_all),
            Allowed::In(SNAPSHOT_ALLOWED),
            snapshots_of,
        ),
        RowAction::opens(
            |l| td_string!(l, ec2.create_ami),
            Allowed::In(SNAPSHOT_ALLOWED),
            image_of,
        ),
        RowAction::opens(
            |l| td_string!(l, replace_root.action),
            Allowed::In(REPLACE_ALLOWED),
            replace_of,
        )
        .more(),
        RowAction::new(
            |l| td_string!(l, instances.start),
            Allowed::In(START_ALLOWED),
            move |i| power(true, i),
        )
        .more(),
        RowAction::opens(
            |l| td_string!(l, instances.stop),
            Allowed::In(STOP_ALLOWED),
            stopping,
        )
        .more(),
        edit_tags(tags_of).more(),
    ]);
    view! {
        <ListView live=instances table empty=tr!(i18n, ec2.no_instances) />
        <ConfirmOne
            target=stopping
            title=tr!(i18n, instances.stop_title)
            name=Callback::new(|i: Instance| format!("{} ({})", label(&i), i.id))
            consequence=tr!(i18n, ec2.stop_consequence)
            action=tr!(i18n, instances.stop)
            command=Callback::new(move |i: Instance| Cli::new("aws ec2 stop-instances").option("--region", &scope.with_value(|s| s.region.clone())).option("--instance-ids", &i.id).line())
            on_confirm=Callback::new(move |i: Instance| power(false, i))
            on_close=Callback::new(move |()| stopping.set(None))
        />
        <SnapshotsDialog scope instance=snapshots_of />
        <ImageDialog scope instance=image_of />
        <ReplaceRootDialog scope instance=replace_of />
        <EditTagsDialog scope target=tags_of on_changed=Callback::new(move |_| instances.refetch()) />
    }
}
