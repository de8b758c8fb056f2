//! EC2 → Volumes: the account's EBS volumes in the region, the instances they are attached to
//! (named from one DescribeInstances call), and Create Snapshot with the guide's `Name` and
//! `Owner` tags (workflow 3); Attach puts an available volume (a restored one) onto an
//! instance of its zone.

use crate::pages::ec2::tags::{EditTagsDialog, Tagged, edit_tags};
use crate::pages::ec2::volumes::attach::{ATTACH_ALLOWED, AttachDialog};
use crate::pages::ec2::volumes::snapshot::{LastOwner, SnapshotDialog};
use crate::pages::ec2::{self, id_and_name};
use crate::prelude::*;
use nubo_cloud::Resource;
use nubo_cloud::aws::Ec2;
use nubo_cloud::aws::ec2::{Query, Volume};
use std::collections::HashMap;

const SNAPSHOT_ALLOWED: &[&str] = &["available", "in-use"];

#[component]
pub fn Ec2VolumesPage(scope: StoredValue<Scope>) -> impl IntoView {
    let accounts = Accounts::expect();
    let i18n = use_i18n();
    let volumes = ec2::live(scope, |ec2: Ec2, query: Query| async move {
        ec2.volumes(&query).await
    });
    // One DescribeInstances call names every instance a volume is attached to.
    let instances = LocalResource::new(move || {
        let ec2 = accounts.ec2_in(scope);
        async move {
            let Ok(ec2) = ec2 else {
                return HashMap::new();
            };
            ec2.instances(&Query::default())
                .await
                .map(|page| {
                    page.items
                        .iter()
                        .map(|i| (i.id().to_owned(), label(i)))
                        .collect()
                })
                .unwrap_or_default()
        }
    });
    let snapshot_of = RwSignal::new(None::<Volume>);
    let attach_of = RwSignal::new(None::<Volume>);
    let owner = LastOwner(RwSignal::new(String::new()));
    let tags_of = RwSignal::new(None::<Tagged>);
    let attached = move |volume: &Volume| {
        let names = instances.get().unwrap_or_default();
        volume
            .attachments
            .iter()
            .filter_map(|a| a.instance_id.clone())
            .map(|id| match names.get(&id) {
                Some(name) if *name != id => format!("{name} ({id})"),
                _ => id,
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let [id, name] = id_and_name(|l| td_string!(l, ec2.volume_id), scope, Panel::Ec2Volumes);
    let table = Table::new(
        "ec2-volumes",
        vec![
            id,
            name,
            Column::new(
                |l| td_string!(l, common.size),
                move |v: &Volume| {
                    v.size
                        .map(|size| t_string!(i18n, common.gib, size).to_string())
                        .unwrap_or_default()
                },
            ),
            Column::new(
                |l| td_string!(l, common.kind),
                |v: &Volume| v.volume_type.clone().unwrap_or_default(),
            ),
            columns::status(),
            Column::new(|l| td_string!(l, volumes.attached_to), attached),
            Column::new(
                |l| td_string!(l, ec2.zone),
                |v: &Volume| v.availability_zone.clone().unwrap_or_default(),
            ),
        ],
    )
    .actions(vec![
        RowAction::opens(
            |l| td_string!(l, instances.create_snapshot),
            Allowed::In(SNAPSHOT_ALLOWED),
            snapshot_of,
        ),
        RowAction::opens(
            |l| td_string!(l, attach.action),
            Allowed::In(ATTACH_ALLOWED),
            attach_of,
        ),
        edit_tags(tags_of),
    ]);
    view! {
        <ListView live=volumes table empty=tr!(i18n, ec2.no_volumes) />
        <SnapshotDialog scope volume=snapshot_of owner />
        <AttachDialog scope volume=attach_of on_done=Callback::new(move |_| volumes.refetch()) />
        <EditTagsDialog scope target=tags_of on_changed=Callback::new(move |_| volumes.refetch()) />
    }
}
