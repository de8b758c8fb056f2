//! EC2 → Snapshots: the account's EBS snapshots in the region, followed while `pending` (with
//! EC2's progress), their tags and description. Restore to volume is offered only after EC2,
//! asked with `DryRun`, says the account may create volumes; when IAM denies it the page says so
//! in plain words (workflow 3). Copy to region and Edit tags are in `ec2_snapshot_forms` and
//! `ec2_tags`; Delete asks first, naming the snapshot.

use leptos::prelude::*;
use leptos_router::components::A;
use nubo_cloud::{
    CloudError,
    aws::{
        Ec2, Permission,
        ec2::{NewVolume, Query, Snapshot, Tag},
    },
};

use crate::{
    components::{cli::shell_word, status::StatusBadge},
    format::short_time,
    i18n::{t, t_string, use_i18n},
    kit::list::{self, ActionButton, ConfirmDelete, MoreActions, label, refusal},
    pages::ec2::{
        self, explain,
        snapshots::forms::{CopyDialog, RestoreDialog},
        tags::{EditTagsDialog, Tagged},
    },
    state::{accounts::Accounts, scope::Scope},
    tr,
};

#[component]
pub fn Ec2SnapshotsPage(scope: Scope) -> impl IntoView {
    let accounts = Accounts::expect();
    let i18n = use_i18n();
    let scope = StoredValue::new(scope);
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

    let table = move |rows: Vec<Snapshot>| {
        let restore_refused = denied().map(|_| list::Refusal::Denied("ec2:CreateVolume".into()));
        view! {
            <table class="data-table ec2-snapshots">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, ec2.snapshot_id_column)}</th>
                        <th scope="col">{t!(i18n, common.name)}</th>
                        <th scope="col">{t!(i18n, common.volume)}</th>
                        <th scope="col">{t!(i18n, common.size)}</th>
                        <th scope="col">{t!(i18n, common.status)}</th>
                        <th scope="col">{t!(i18n, ec2.started)}</th>
                        <th scope="col">{t!(i18n, tags.title)}</th>
                        <th scope="col">{t!(i18n, detail.description)}</th>
                        <th scope="col">{t!(i18n, common.actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|snapshot| {
                            let restorable = refusal(&snapshot.state, &["completed"]).or(restore_refused.clone());
                            let deletable = refusal(&snapshot.state, &["completed", "error"]);
                            let copyable = refusal(&snapshot.state, &["completed"]);
                            let (a, b, c) = (snapshot.clone(), snapshot.clone(), snapshot.clone());
                            let tagged = Tagged { id: snapshot.id.clone(), label: label(&snapshot), tags: snapshot.tags.clone() };
                            let progress = (snapshot.state == "pending").then(|| snapshot.percent()).flatten();
                            // The Name tag has its own column.
                            let tag_list = snapshot
                                .tags
                                .iter()
                                .filter(|t| t.key != "Name")
                                .map(|Tag { key, value }| view! { <span class="tag">{format!("{key}={value}")}</span> })
                                .collect_view();
                            let id_text = snapshot.id.clone();
                            let detail_href = scope.with_value(|s| s.url(&format!("/ec2/snapshots/{}", snapshot.id)));
                            view! {
                                <tr data-id=snapshot.id.clone()>
                                    <td class="mono"><A href=detail_href>{id_text}</A></td>
                                    <th scope="row">{snapshot.tag("Name").unwrap_or_default().to_owned()}</th>
                                    <td class="mono">{snapshot.volume_id.clone().unwrap_or_default()}</td>
                                    <td>{snapshot.volume_size.map(|size| t_string!(i18n, common.gib, size).to_string()).unwrap_or_default()}</td>
                                    <td>
                                        <StatusBadge status=snapshot.state.clone() />
                                        {progress.map(|p| view! {
                                            <progress max="100" value=p.to_string() aria-label=move || t_string!(i18n, ec2.progress, percent = p)></progress>
                                            <span class="progress-text">{format!("{p}%")}</span>
                                        })}
                                    </td>
                                    <td>{short_time(snapshot.start_time.as_deref())}</td>
                                    <td class="tags-cell">{tag_list}</td>
                                    <td>{snapshot.description.clone().unwrap_or_default()}</td>
                                    <td class="row-actions">
                                        <ActionButton label=tr!(i18n, ec2.restore) refusal=restorable on_click=Callback::new(move |_| restore_of.set(Some(a.clone()))) />
                                        <MoreActions name=label(&snapshot)>
                                            <ActionButton label=tr!(i18n, ec2.copy_to_region) refusal=copyable on_click=Callback::new(move |_| copy_of.set(Some(c.clone()))) />
                                            <ActionButton label=tr!(i18n, tags.edit) refusal=None on_click=Callback::new(move |_| tags_of.set(Some(tagged.clone()))) />
                                            <ActionButton label=tr!(i18n, common.delete) refusal=deletable on_click=Callback::new(move |_| delete_of.set(Some(b.clone()))) />
                                        </MoreActions>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    };
    view! {
        <div class="toolbar">
            <button type="button" class="secondary" on:click=move |_| snapshots.refetch()>{t!(i18n, common.refresh)}</button>
        </div>
        {move || denied().map(|error| view! {
            <div class="panel panel-warning" role="note">
                <p><strong>{t!(i18n, ec2.restore_denied_title)}</strong></p>
                <p>{t!(i18n, ec2.restore_denied_body)}</p>
                <p class="cloud-words">{error.to_string()}</p>
            </div>
        })}
        {list::render(snapshots, tr!(i18n, ec2.no_snapshots), table)}
        <RestoreDialog scope=scope.get_value() snapshot=restore_of zones=Signal::derive(move || zones.get().flatten().unwrap_or_default()) />
        <CopyDialog scope=scope.get_value() snapshot=copy_of />
        <EditTagsDialog scope=scope.get_value() target=tags_of on_changed=Callback::new(move |_| snapshots.refetch()) />
        <ConfirmDelete
            target=delete_of
            title=tr!(i18n, ec2.delete_snapshot)
            name=Callback::new(|s: Snapshot| format!("{} ({})", label(&s), s.id))
            command=Callback::new(move |s: Snapshot| format!("aws ec2 delete-snapshot --region {} --snapshot-id {}", shell_word(&scope.with_value(|sc| sc.region.clone())), shell_word(&s.id)))
            delete=move |s: Snapshot| {
                let ec2 = accounts.ec2_in(scope);
                async move { ec2?.delete_snapshot(&s.id).await }
            }
            explain=Callback::new(move |e: CloudError| explain(&e, "ec2:DeleteSnapshot", i18n.get_locale_untracked()))
            on_close=Callback::new(move |_| delete_of.set(None))
            on_done=Callback::new(move |_| snapshots.refetch())
        />
    }
}
