//! EC2 → Snapshots: the account's EBS snapshots in the region, followed while `pending` (with
//! EC2's progress), their tags and description. Restore to volume is offered only after EC2,
//! asked with `DryRun`, says the account may create volumes; when IAM denies it the page says so
//! in plain words (workflow 3). Delete asks first, naming the snapshot.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use nubo_cloud::{
    CloudError,
    aws::{
        Ec2, Permission,
        ec2::{NewVolume, Query, Snapshot, Tag},
    },
};

use crate::{
    accounts::Accounts,
    components::{
        cli::{CliEquivalent, shell_word},
        confirm::Confirm,
        dialog::Dialog,
        notifications::{Level, Notifications},
        status::StatusBadge,
        tags::cli_spec,
    },
    format::short_time,
    i18n::{t, t_string, tu_string, use_i18n},
    pages::{
        ec2::{self, explain},
        list::{self, ActionButton, FormActions, FormError, TextField, label, refusal},
    },
    scope::Scope,
    tr,
};

const VOLUME_TYPES: &[&str] = &["gp3", "gp2", "io1", "io2", "st1", "sc1", "standard"];

#[component]
pub fn Ec2SnapshotsPage(scope: Scope) -> impl IntoView {
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
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
    let delete_of = RwSignal::new(None::<Snapshot>);
    let deleting = RwSignal::new(false);
    let delete = Callback::new(move |_| {
        let Some(victim) = delete_of.get_untracked() else {
            return;
        };
        deleting.set(true);
        let ec2 = accounts.ec2_in(scope);
        let locale = i18n.get_locale_untracked();
        leptos::task::spawn_local(async move {
            let result = match ec2 {
                Ok(ec2) => ec2.delete_snapshot(&victim.id).await,
                Err(e) => Err(e),
            };
            deleting.set(false);
            delete_of.set(None);
            match result {
                Ok(()) => {
                    notifications.push(
                        Level::Success,
                        tu_string!(i18n, list.deleting, name = label(&victim)),
                        None,
                    );
                    snapshots.refetch();
                }
                Err(e) => {
                    notifications.error(
                        tu_string!(i18n, list.delete_failed, name = label(&victim)),
                        explain(&e, "ec2:DeleteSnapshot", locale),
                    );
                }
            }
        });
    });

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
                            let (a, b) = (snapshot.clone(), snapshot.clone());
                            let progress = (snapshot.state == "pending").then(|| snapshot.percent()).flatten();
                            let tag_list = snapshot
                                .tags
                                .iter()
                                .map(|Tag { key, value }| view! { <span class="tag">{format!("{key}={value}")}</span> })
                                .collect_view();
                            view! {
                                <tr data-id=snapshot.id.clone()>
                                    <td class="mono">{snapshot.id.clone()}</td>
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
                                        <ActionButton label=tr!(i18n, common.delete) refusal=deletable on_click=Callback::new(move |_| delete_of.set(Some(b.clone()))) />
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
        <Confirm
            open=Signal::derive(move || delete_of.get().is_some())
            title=tr!(i18n, ec2.delete_snapshot)
            names=Signal::derive(move || delete_of.get().map(|s| vec![format!("{} ({})", label(&s), s.id)]).unwrap_or_default())
            action=tr!(i18n, common.delete)
            command=Signal::derive(move || delete_of.get().map(|s| format!("aws ec2 delete-snapshot --region {} --snapshot-id {}", shell_word(&scope.with_value(|sc| sc.region.clone())), shell_word(&s.id))).unwrap_or_default())
            busy=deleting
            on_confirm=delete
            on_close=Callback::new(move |_| if !deleting.get_untracked() { delete_of.set(None) })
        />
    }
}

/// Restore to volume: CreateVolume from the snapshot, in a zone and of a type the user picks,
/// at least as large as the snapshot.
#[component]
fn RestoreDialog(
    scope: Scope,
    snapshot: RwSignal<Option<Snapshot>>,
    zones: Signal<Vec<String>>,
) -> impl IntoView {
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let navigate = StoredValue::new(use_navigate());
    let zone = RwSignal::new(String::new());
    let kind = RwSignal::new("gp3".to_owned());
    let size = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let scope = StoredValue::new(scope);
    Effect::new(move |_| {
        if let Some(s) = snapshot.get() {
            zone.set(zones.get_untracked().first().cloned().unwrap_or_default());
            kind.set("gp3".into());
            size.set(s.volume_size.map(|v| v.to_string()).unwrap_or_default());
            name.set(format!("{}-restored", label(&s)));
            error.set(None);
        }
    });
    let new_volume = move || {
        let s = snapshot.get()?;
        let name = name.get();
        let tags: Vec<Tag> = Some(name.trim())
            .filter(|n| !n.is_empty())
            .map(|n| Tag::new("Name", n))
            .into_iter()
            .collect();
        Some(NewVolume {
            availability_zone: zone.get(),
            snapshot_id: Some(s.id),
            size: size.get().trim().parse().ok(),
            volume_type: Some(kind.get()),
            tags,
            ..NewVolume::default()
        })
    };
    let command = Signal::derive(move || {
        let Some(v) = new_volume() else {
            return String::new();
        };
        let mut parts = vec![
            "aws ec2 create-volume".to_owned(),
            format!(
                "--region {}",
                shell_word(&scope.with_value(|s| s.region.clone()))
            ),
            format!(
                "--snapshot-id {}",
                shell_word(v.snapshot_id.as_deref().unwrap_or(""))
            ),
            format!("--availability-zone {}", shell_word(&v.availability_zone)),
            format!(
                "--volume-type {}",
                shell_word(v.volume_type.as_deref().unwrap_or(""))
            ),
        ];
        if let Some(size) = v.size {
            parts.push(format!("--size {size}"));
        }
        parts.extend(cli_spec("volume", &v.tags));
        parts.join(" ")
    });
    let close = Callback::new(move |_| {
        if !busy.get_untracked() {
            snapshot.set(None);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(s) = snapshot.get_untracked() else {
            return;
        };
        let minimum = s.volume_size.unwrap_or(1);
        match size.get_untracked().trim().parse::<u32>() {
            Ok(n) if n >= minimum => {}
            _ => {
                error.set(Some(
                    tu_string!(i18n, snapshots.size_too_small, size = minimum).to_string(),
                ));
                return;
            }
        }
        let Some(volume) = untrack(new_volume) else {
            return;
        };
        let scope = scope.get_value();
        let ec2 = accounts.ec2(&scope);
        let url = scope.url("/ec2/volumes");
        let locale = i18n.get_locale_untracked();
        list::run(
            busy,
            error,
            async move { ec2?.create_volume(&volume).await },
            move |e: &CloudError| explain(e, "ec2:CreateVolume", locale),
            move |created| {
                snapshot.set(None);
                notifications.push(
                    Level::Success,
                    tu_string!(i18n, ec2.restoring, name = label(&s)),
                    Some(tu_string!(i18n, snapshots.volume_id, id = &created.id)),
                );
                navigate.try_with_value(|go| go(&url, Default::default()));
            },
        );
    };
    let title = Signal::derive(move || {
        snapshot
            .get()
            .map(|s| t_string!(i18n, ec2.restore_title, name = label(&s)).to_string())
            .unwrap_or_default()
    });
    let open = Signal::derive(move || snapshot.get().is_some());
    view! {
        <Dialog title open on_close=close>
            <form class="form" on:submit=submit>
                <label class="field">
                    <span>{t!(i18n, ec2.zone)}</span>
                    <select name="availability-zone" on:change=move |ev| zone.set(event_target_value(&ev))>
                        {move || zones.get().into_iter().map(|z| {
                            let selected = z == zone.get_untracked();
                            let value = z.clone();
                            view! { <option value=value selected=selected>{z}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, ec2.volume_type)}</span>
                    <select name="volume-type" on:change=move |ev| kind.set(event_target_value(&ev))>
                        {VOLUME_TYPES.iter().map(|k| view! { <option value=*k selected=move || kind.get() == *k>{*k}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, snapshots.size_gib)}</span>
                    <input
                        type="number"
                        name="size"
                        min=move || snapshot.get().and_then(|s| s.volume_size).map(|v| v.to_string())
                        required
                        prop:value=move || size.get()
                        on:input=move |ev| size.set(event_target_value(&ev))
                    />
                </label>
                <TextField label=tr!(i18n, ec2.name_tag) name="name-tag" value=name />
                <CliEquivalent command />
                <FormError error />
                <FormActions label=tr!(i18n, ec2.restore) busy_label=tr!(i18n, backups.restoring_busy) busy on_cancel=close />
            </form>
        </Dialog>
    }
}
