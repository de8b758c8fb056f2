//! EC2 → Snapshots: the account's EBS snapshots in the region, followed while `pending` (with
//! EC2's progress), their tags and description. Restore to volume is offered only after EC2,
//! asked with `DryRun`, says the account may create volumes; when IAM denies it the page says so
//! in plain words (workflow 3); its form is `restore.rs`, Copy to region's `copy.rs`, Edit tags'
//! `../tags.rs`. Delete asks first, naming the snapshot.

use crate::components::status::StatusBadge;
use crate::format::short_time;
use crate::kit::delete::ConfirmDelete;
use crate::kit::refusal::{Refusal, refusal};
use crate::pages::ec2::snapshots::copy::CopyDialog;
use crate::pages::ec2::snapshots::restore::RestoreDialog;
use crate::pages::ec2::tags::{EditTagsDialog, Tagged, edit_tags};
use crate::pages::ec2::{self, id_and_name};
use crate::prelude::*;
use nubo_cloud::aws::ec2::{NewVolume, Query, Snapshot, Tag};
use nubo_cloud::aws::{Ec2, Permission};

const COMPLETED: &[&str] = &["completed"];
const DELETE_ALLOWED: &[&str] = &["completed", "error"];

#[component]
pub fn Ec2SnapshotsPage(scope: StoredValue<Scope>) -> impl IntoView {
    let accounts = Accounts::expect();
    let i18n = use_i18n();
    let snapshots = ec2::live(scope, |ec2: Ec2, query: Query| async move {
        ec2.snapshots(&query).await
    });
    // May this account restore? EC2 answers a DryRun of CreateVolume from a completed snapshot
    // without creating anything; asked once per page.
    let zones = LocalResource::new(move || {
        let ec2 = accounts.ec2_in(scope);
        async move {
            ec2.ok()?
                .availability_zones()
                .await
                .ok()
                .map(|z| z.into_iter().map(|z| z.name).collect::<Vec<_>>())
        }
    });
    let probe = Memo::new(move |_| {
        let zone = zones.get().flatten()?.into_iter().next()?;
        let snapshot = snapshots
            .list
            .get()?
            .ok()?
            .items
            .into_iter()
            .find(|s| s.state == "completed")?;
        Some((zone, snapshot.id))
    });
    let permission = LocalResource::new(move || {
        let probe = probe.get();
        let ec2 = accounts.ec2_in(scope);
        async move {
            let (zone, snapshot_id) = probe?;
            let volume = NewVolume {
                availability_zone: zone,
                snapshot_id: Some(snapshot_id),
                ..NewVolume::default()
            };
            ec2.ok()?.may_create_volume(&volume).await.ok()
        }
    });
    let denied = move || match permission.get().flatten() {
        Some(Permission::Denied(error)) => Some(error),
        _ => None,
    };

    let restore_of = RwSignal::new(None::<Snapshot>);
    let copy_of = RwSignal::new(None::<Snapshot>);
    let tags_of = RwSignal::new(None::<Tagged>);
    let delete_of = RwSignal::new(None::<Snapshot>);

    let [id, name] = id_and_name(
        |l| td_string!(l, ec2.snapshot_id_column),
        scope,
        Panel::Ec2Snapshots,
    );
    let table = Table::new(
        "ec2-snapshots",
        vec![
            id,
            name,
            Column::new(|l| td_string!(l, common.volume), |s: &Snapshot| {
                s.volume_id.clone().unwrap_or_default()
            })
            .mono(),
            Column::new(|l| td_string!(l, common.size), move |s: &Snapshot| {
                s.volume_size
                    .map(|size| t_string!(i18n, common.gib, size).to_string())
                    .unwrap_or_default()
            }),
            Column::new(|l| td_string!(l, common.status), move |s: &Snapshot| {
                let progress = (s.state == "pending").then(|| s.percent()).flatten();
                view! {
                    <StatusBadge status=s.state.clone() />
                    {progress.map(|p| view! {
                        <progress max="100" value=p.to_string() aria-label=move || t_string!(i18n, ec2.progress, percent = p)></progress>
                        <span class="progress-text">{format!("{p}%")}</span>
                    })}
                }
            }),
            Column::new(|l| td_string!(l, ec2.started), |s: &Snapshot| {
                short_time(s.start_time.as_deref())
            }),
            // Made on a schedule (DLM tags what it makes), or by hand.
            Column::new(|l| td_string!(l, ec2.made_by), move |s: &Snapshot| match s.made_by_policy() {
                Some(policy) => t_string!(i18n, ec2.by_schedule, policy).to_string(),
                None => t_string!(i18n, ec2.by_hand).to_owned(),
            }),
            // The Name tag has its own column.
            Column::new(|l| td_string!(l, tags.title), |s: &Snapshot| {
                s.tags
                    .iter()
                    .filter(|t| t.key != "Name")
                    .map(|Tag { key, value }| view! { <span class="tag">{format!("{key}={value}")}</span> })
                    .collect_view()
            })
            .class("tags-cell"),
            Column::new(|l| td_string!(l, detail.description), |s: &Snapshot| {
                s.description.clone().unwrap_or_default()
            }),
        ],
    )
    .actions(vec![
        RowAction::new(
            |l| td_string!(l, ec2.restore),
            Allowed::when(move |s: &Snapshot| {
                refusal(&s.state, COMPLETED)
                    .or_else(|| denied().map(|_| Refusal::Denied("ec2:CreateVolume".into())))
            }),
            move |s| restore_of.set(Some(s)),
        ),
        RowAction::opens(|l| td_string!(l, ec2.copy_to_region), Allowed::In(COMPLETED), copy_of)
        .more(),
        edit_tags(tags_of).more(),
        RowAction::opens(|l| td_string!(l, common.delete), Allowed::In(DELETE_ALLOWED), delete_of)
        .more(),
    ]);
    view! {
        {move || denied().map(|error| view! {
            <div class="panel panel-warning" role="note">
                <p><strong>{t!(i18n, ec2.restore_denied_title)}</strong></p>
                <p>{t!(i18n, ec2.restore_denied_body)}</p>
                <p class="cloud-words">{error.to_string()}</p>
            </div>
        })}
        <ListView live=snapshots table empty=tr!(i18n, ec2.no_snapshots) />
        <RestoreDialog scope snapshot=restore_of zones=Signal::derive(move || zones.get().flatten().unwrap_or_default()) />
        <CopyDialog scope snapshot=copy_of />
        <EditTagsDialog scope target=tags_of on_changed=Callback::new(move |_| snapshots.refetch()) />
        <ConfirmDelete
            target=delete_of
            title=tr!(i18n, ec2.delete_snapshot)
            name=Callback::new(|s: Snapshot| format!("{} ({})", label(&s), s.id))
            command=Callback::new(move |s: Snapshot| Cli::new("aws ec2 delete-snapshot").option("--region", &scope.with_value(|sc| sc.region.clone())).option("--snapshot-id", &s.id).line())
            delete=move |s: Snapshot| {
                let ec2 = accounts.ec2_in(scope);
                async move { ec2?.delete_snapshot(&s.id).await.map_err(Failure::aws("ec2:DeleteSnapshot")) }
            }
            on_done=Callback::new(move |_| snapshots.refetch())
        />
    }
}
