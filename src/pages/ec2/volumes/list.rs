//! EC2 → Volumes: the account's EBS volumes in the region, the instances they are attached to
//! (named from one DescribeInstances call), and Create Snapshot with the guide's `Name` and
//! `Owner` tags (workflow 3).

use std::collections::HashMap;

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate};
use nubo_cloud::{
    Resource,
    aws::{
        Ec2,
        ec2::{NewSnapshot, Query, Volume},
    },
};

use crate::{
    components::{
        cli::{CliEquivalent, option, shell_word},
        dialog::Dialog,
        status::StatusBadge,
        tags::{TagEditor, cli_spec, to_tags},
    },
    i18n::{t, t_string, tu_string, use_i18n},
    kit::list::{self, ActionButton, FormActions, FormError, TextField, label, refusal},
    pages::{
        ec2,
        ec2::tags::{EditTagsDialog, Tagged},
    },
    shell::notifications::{Level, Notifications},
    state::{accounts::Accounts, scope::Scope},
    tr,
};

const SNAPSHOT_ALLOWED: &[&str] = &["available", "in-use"];

/// The Owner tag last typed, offered again in the next form (memory only).
#[derive(Clone, Copy)]
struct LastOwner(RwSignal<String>);

impl LastOwner {
    /// What the user typed last, else the account's alias or the caller's name.
    fn get(self, accounts: Accounts, scope: &Scope) -> String {
        Some(self.0.get_untracked())
            .filter(|o| !o.is_empty())
            .unwrap_or_else(|| accounts.owner_default(scope))
    }
}

#[component]
pub fn Ec2VolumesPage(scope: Scope) -> impl IntoView {
    let accounts = Accounts::expect();
    let i18n = use_i18n();
    let scope = StoredValue::new(scope);
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
    let owner = LastOwner(RwSignal::new(String::new()));
    let tags_of = RwSignal::new(None::<Tagged>);
    let table = move |rows: Vec<Volume>| {
        let names = instances.get().unwrap_or_default();
        view! {
            <table class="data-table ec2-volumes">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, ec2.volume_id)}</th>
                        <th scope="col">{t!(i18n, common.name)}</th>
                        <th scope="col">{t!(i18n, common.size)}</th>
                        <th scope="col">{t!(i18n, common.kind)}</th>
                        <th scope="col">{t!(i18n, common.status)}</th>
                        <th scope="col">{t!(i18n, volumes.attached_to)}</th>
                        <th scope="col">{t!(i18n, ec2.zone)}</th>
                        <th scope="col">{t!(i18n, common.actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|volume| {
                            let attached = volume
                                .attachments
                                .iter()
                                .filter_map(|a| a.instance_id.clone())
                                .map(|id| match names.get(&id) {
                                    Some(name) if *name != id => format!("{name} ({id})"),
                                    _ => id,
                                })
                                .collect::<Vec<_>>()
                                .join(", ");
                            let refused = refusal(&volume.state, SNAPSHOT_ALLOWED);
                            let for_snapshot = volume.clone();
                            let tagged = Tagged { id: volume.id.clone(), label: label(&volume), tags: volume.tags.clone() };
                            let id_text = volume.id.clone();
                            let detail_href = scope.with_value(|s| s.url(&format!("/ec2/volumes/{}", volume.id)));
                            view! {
                                <tr data-id=volume.id.clone()>
                                    <td class="mono"><A href=detail_href>{id_text}</A></td>
                                    <th scope="row">{volume.tag("Name").unwrap_or_default().to_owned()}</th>
                                    <td>{volume.size.map(|size| t_string!(i18n, common.gib, size).to_string()).unwrap_or_default()}</td>
                                    <td>{volume.volume_type.clone().unwrap_or_default()}</td>
                                    <td><StatusBadge status=volume.state.clone() /></td>
                                    <td>{attached}</td>
                                    <td>{volume.availability_zone.clone().unwrap_or_default()}</td>
                                    <td class="row-actions">
                                        <ActionButton
                                            label=tr!(i18n, instances.create_snapshot)
                                            refusal=refused
                                            on_click=Callback::new(move |_| snapshot_of.set(Some(for_snapshot.clone())))
                                        />
                                        <ActionButton label=tr!(i18n, tags.edit) refusal=None on_click=Callback::new(move |_| tags_of.set(Some(tagged.clone()))) />
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
            <button type="button" class="secondary" on:click=move |_| volumes.refetch()>{t!(i18n, common.refresh)}</button>
        </div>
        {list::render(volumes, tr!(i18n, ec2.no_volumes), table)}
        <SnapshotDialog scope=scope.get_value() volume=snapshot_of owner />
        <EditTagsDialog scope=scope.get_value() target=tags_of on_changed=Callback::new(move |_| volumes.refetch()) />
    }
}

/// A snapshot's default name: the volume's, the day's date.
fn default_name(volume: &Volume) -> String {
    let today = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default();
    format!("{}-{}", label(volume), &today[..10.min(today.len())])
}

#[component]
fn SnapshotDialog(
    scope: Scope,
    volume: RwSignal<Option<Volume>>,
    owner: LastOwner,
) -> impl IntoView {
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let navigate = StoredValue::new(use_navigate());
    let description = RwSignal::new(String::new());
    let tags = RwSignal::new(Vec::<(String, String)>::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let scope = StoredValue::new(scope);
    Effect::new(move |_| {
        if let Some(v) = volume.get() {
            description.set(String::new());
            tags.set(vec![
                ("Name".into(), default_name(&v)),
                ("Owner".into(), scope.with_value(|s| owner.get(accounts, s))),
            ]);
            error.set(None);
        }
    });
    let command = Signal::derive(move || {
        let Some(v) = volume.get() else {
            return String::new();
        };
        let mut parts = vec![
            "aws ec2 create-snapshot".to_owned(),
            format!(
                "--region {}",
                shell_word(&scope.with_value(|s| s.region.clone()))
            ),
            option("--volume-id", &v.id),
        ];
        if !description.get().is_empty() {
            parts.push(option("--description", &description.get()));
        }
        parts.extend(cli_spec("snapshot", &tags.with(|t| to_tags(t))));
        parts.join(" ")
    });
    let close = crate::kit::list::closer(busy, volume);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(target) = volume.get_untracked() else {
            return;
        };
        let tag_list = tags.with_untracked(|t| to_tags(t));
        if let Some(owner_tag) = tag_list.iter().find(|t| t.key == "Owner") {
            owner.0.set(owner_tag.value.clone());
        }
        let snapshot = NewSnapshot {
            volume_id: target.id.clone(),
            description: Some(description.get_untracked()).filter(|d| !d.is_empty()),
            tags: tag_list,
        };
        let scope = scope.get_value();
        let ec2 = accounts.ec2(&scope);
        let url = scope.url("/ec2/snapshots");
        ec2::submit(
            busy,
            error,
            i18n.get_locale_untracked(),
            "ec2:CreateSnapshot",
            async move { ec2?.create_snapshot(&snapshot).await },
            move |created| {
                volume.set(None);
                notifications.push(
                    Level::Success,
                    tu_string!(i18n, volumes.snapshot_requested, name = label(&target)),
                    Some(tu_string!(i18n, ec2.snapshot_id, id = &created.id)),
                );
                navigate.try_with_value(|go| go(&url, Default::default()));
            },
        );
    };
    let title = Signal::derive(move || {
        volume
            .get()
            .map(|v| t_string!(i18n, instances.snapshot_title, name = label(&v)).to_string())
            .unwrap_or_default()
    });
    let open = Signal::derive(move || volume.get().is_some());
    view! {
        <Dialog title open on_close=close>
            <form class="form" on:submit=submit>
                <TextField label=tr!(i18n, common.description_optional) name="description" value=description />
                <TagEditor rows=tags required=&["Name", "Owner"] />
                <p class="hint">{t!(i18n, ec2.tags_hint)}</p>
                <CliEquivalent command />
                <FormError error />
                <FormActions label=tr!(i18n, instances.create_snapshot) busy on_cancel=close />
            </form>
        </Dialog>
    }
}
