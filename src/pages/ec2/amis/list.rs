//! EC2 → AMIs: the images the account owns in the region. Deregister asks first, naming the
//! image, and offers to delete the snapshots it is made of (otherwise they stay, and cost).

use crate::pages::ec2::amis::deregister::DeregisterDialog;
use crate::pages::ec2::{self, id_and_name};
use crate::prelude::*;
use nubo_cloud::aws::Ec2;
use nubo_cloud::aws::ec2::{Image, Query};

const DEREGISTER_ALLOWED: &[&str] = &["available", "failed", "error", "invalid"];

/// An AMI is known by the name given at CreateImage (its `Name` tag is optional).
pub fn ami_label(image: &Image) -> String {
    image
        .name
        .clone()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| label(image))
}

#[component]
pub fn Ec2AmisPage(scope: StoredValue<Scope>) -> impl IntoView {
    let i18n = use_i18n();
    let images = ec2::live(scope, |ec2: Ec2, query: Query| async move {
        ec2.images(&query).await
    });
    let deregister_of = RwSignal::new(None::<Image>);
    let [id, _] = id_and_name(|l| td_string!(l, ec2.ami_id), scope, Panel::Amis);
    let table = Table::new(
        "ec2-amis",
        vec![
            id,
            Column::new(|l| td_string!(l, common.name), ami_label).row_header(),
            columns::status(),
            Column::new(
                |l| td_string!(l, ec2.snapshots),
                |i: &Image| i.snapshot_ids().collect::<Vec<_>>().join(", "),
            )
            .mono(),
            columns::created(|i: &Image| i.creation_date.as_deref()),
        ],
    )
    .actions(vec![RowAction::opens(
        |l| td_string!(l, ec2.deregister),
        Allowed::In(DEREGISTER_ALLOWED),
        deregister_of,
    )]);
    view! {
        <ListView live=images table empty=tr!(i18n, ec2.no_amis) />
        <DeregisterDialog scope image=deregister_of on_done=Callback::new(move |_| images.refetch()) />
    }
}
